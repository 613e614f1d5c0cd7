"""Screenshots are real PNGs of the flavour's pixel size, drawn from what is on screen."""

from __future__ import annotations

import io
import time

from PIL import Image

from harness.sim.flavours.registry import flavour_for
from harness.sim.loader import load_app_model
from harness.sim.runtime import AppRuntime
from harness.sim.screenshot import png
from tests.sim.drive import open_account, sign_in

SIZES = {"android": (1080, 2400), "ios": (1170, 2532)}


def test_screenshot_is_a_png_of_the_screen_size(session, platform):
    driver = session(platform)
    image = Image.open(io.BytesIO(driver.get_screenshot_as_png()))
    image.verify()
    assert image.format == "PNG" and image.size == SIZES[platform]


def test_screens_differ_and_dialogs_are_drawn(session, platform):
    driver = session(platform)
    login = driver.get_screenshot_as_png()
    sign_in(driver, platform)
    open_account(driver, platform)
    account = driver.get_screenshot_as_png()
    assert account != login
    assert driver.get_screenshot_as_png() == account  # unchanged screen: the cached image


def test_element_screenshot(session, platform):
    from appium.webdriver.common.appiumby import AppiumBy

    driver = session(platform)
    button = (
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Sign In")
        if platform == "ios"
        else (driver.find_element(AppiumBy.ID, "login_sign_in"))
    )
    image = Image.open(io.BytesIO(button.screenshot_as_png))
    scale = 1 if platform == "android" else 3
    assert abs(image.width - button.rect["width"] * scale) <= 2


def test_screenshot_is_fast_and_readable():
    model = load_app_model()
    runtime = AppRuntime(model, flavour_for("android"), model.faults)
    runtime.launch()
    runtime.vars["signed_in"] = True
    runtime.go("account")
    runtime.open_dialog("sign_out_all")
    png(runtime)  # fonts load once per process
    runtime.changed()
    started = time.perf_counter()
    data = png(runtime)
    elapsed = time.perf_counter() - started
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert elapsed < 0.5  # typically 30-60 ms; generous for a busy CI machine
    colours = image.getcolors(maxcolors=4096)
    assert colours is not None and len(colours) > 3  # text, panels and the dimmed app, not a blank frame


def test_the_app_theme_colours_the_screenshot():
    """The brand colour is data of the app model (theme.accent), not a special case in the drawing."""
    model = load_app_model()
    assert model.theme.accent_rgb == (204, 0, 0)
    other = model.model_copy(update={"theme": model.theme.model_copy(update={"accent": "#9933CC"})})
    counts = {}
    for name, m in (("netflix", model), ("other", other)):
        runtime = AppRuntime(m, flavour_for("android"), m.faults)
        runtime.launch()  # the login screen: wordmark and Sign In button in the accent colour
        image = Image.open(io.BytesIO(png(runtime))).convert("RGB")
        colours = dict((c, n) for n, c in image.getcolors(maxcolors=4096))
        counts[name] = (colours.get((204, 0, 0), 0), colours.get((153, 51, 204), 0))
    assert counts["netflix"][0] > 1000 and counts["netflix"][1] == 0
    assert counts["other"][0] == 0 and counts["other"][1] > 1000
