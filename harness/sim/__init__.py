"""The simulated device: a W3C WebDriver / Appium server that runs an app model (docs/app-model.md).

model.py, loader.py     the app model file (pydantic models, located errors, reference checks)
runtime.py              the running app: screens, dialogs, state, lifecycle, faults
snapshot.py, layout.py  the app at one instant, laid out into the neutral view tree (tree.py)
flavours/               everything platform-specific, one object per driver (flavours/base.py)
nodes.py                a flavoured tree (FNode) and its XML, which page source and XPath share
locators.py             the locator engines; uiselector*.py, predicate.py, classchain.py, webview.py;
                        css.py: `css selector` on native screens, read as the drivers read it
session.py              one WebDriver session: element references, find, click, type
commands.py             the routes, named as Appium names its commands
methods.py, handlers.py the `mobile:` catalogue and argument checks; the handlers both drivers share
actions.py              W3C pointer actions; screenshot.py, style.py: PNGs of the screen
server.py               SimServer (HTTP); caps.py: new-session checks; cli.py: `harness sim`
schema.py               the JSON Schema of app model files
"""
