"""The simulated device: a W3C WebDriver / Appium server that runs an app model (docs/app-model.md).

model.py, loader.py   the app model file (pydantic models, located errors, reference checks)
runtime.py            the running app: screens, dialogs, state, lifecycle, faults
layout.py, tree.py    the neutral view tree of what is on screen (geometry.py: the two screens)
android.py, ios.py    the UiAutomator2 and XCUITest flavours of that tree (flavour.py: XML)
locators.py           strategies; uiselector.py, predicate.py, classchain.py, webview.py: languages
session.py            one WebDriver session: element references, find, click, type
commands.py           the routes, named as Appium names its commands; mobile.py: `mobile:` methods
actions.py            W3C pointer actions; screenshot.py: PNGs of the screen
server.py             SimServer (HTTP); caps.py: new-session checks; cli.py: `harness sim`
schema.py             the JSON Schema of app model files
"""
