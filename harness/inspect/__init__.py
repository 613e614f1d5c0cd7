"""`harness inspect`: the live screen as the harness sees it, and a screen map checked against it.

source.py reads a driver's page source (UiAutomator2's android.widget.* XML, XCUITest's XCUIElementType*
XML); candidates.py proposes selectors in the harness's own language; probe.py asks the live driver what
each one finds; screen.py puts them together for one device. fragment.py writes a screen-map fragment
(both platforms matched), check.py checks a screen map, scenario_run.py runs a scenario to a step through
the real runner, render.py prints, serve.py is the page on 127.0.0.1. Beside the pytest glue: it uses the
runner, the devices and the translator, never the pytest plugin.
"""
