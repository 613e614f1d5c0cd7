"""`css selector` in the native context: converted as the real drivers convert it, then found.

The converters are checked against the installed drivers' own (`cssToNativeLocator` of
appium-uiautomator2-driver and appium-xcuitest-driver, run with node), selector by selector.
"""

from __future__ import annotations

import json

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import InvalidSelectorException

from harness.sim import css
from harness.sim.errors import WebDriverError
from harness.sim.flavours import uiautomator2, xcuitest
from tests.helpers import NODE_MODULES, run_node

DRIVERS = NODE_MODULES
PACKAGE = "com.example.app"
SELECTORS = [
    "#login_email",
    "#a\\:b",
    "#my-id_1",
    "#123",
    "*",
    "android.widget.Button",
    ".android.widget.Button",
    "button.x",
    "*.x",
    "A",
    "-a",
    "XCUIElementTypeButton",
    '[text="Sign In"]',
    '[text*="Sign"]',
    '[text^="Sig"]',
    '[text$="In"]',
    '[text~="Sign"]',
    "[text=Sign]",
    '[text=""]',
    '[text="a\\\\b"]',
    '[text="\\41 b"]',
    '[ text = "x" ]',
    '[text="x" i]',
    "[TEXT=x]",
    "[text=$x]",
    "[ns|text=a]",
    '[description="Menu"]',
    '[accessibility-id="Menu"]',
    "[content-desc=Menu]",
    "[description]",
    "[id=foo]",
    '[resource-id^="com"]',
    '[resource-id*="a.b"]',
    '[resource-id$="x"]',
    '[id="android:id/button1"]',
    ":checked",
    "[checked]",
    "[checked=false]",
    "[checked=TRUE]",
    "[checked=1]",
    ":CHECKED",
    ":checked(yes)",
    ":long-clickable",
    ":nth-child(3)",
    ":nth-child( 2 )",
    ":nth-child(2n+1)",
    '[index="2"]',
    "[index=2]",
    ":text(Sign In)",
    ':text("Sign In")',
    ":visible",
    "[visible=true]",
    ":enabled(false)",
    "[accessible]",
    ":accessible(0)",
    '[label="A"]',
    '[label*="a.b"]',
    '[value=""]',
    "[name^=x]",
    "[name$=x]",
    "[name~=x]",
    "button[name=x]",
    "[type=Button]",
    "#a #b",
    "#a > #b",
    "#a>#b",
    "#a  >  #b",
    " #a ",
    "#a, #b",
    "#a,",
    "> #a",
    "#a >",
    "#a + #b",
    "#a ~ #b",
    "#a > .b c",
    "a b > c",
    "a > b > c",
    "#a.b",
    "a#b#c",
    "#a#b",
    "#a:checked:focused",
    "#a:nth-child(2)[label=b]",
    "[text=x][text=y]",
    "a::before",
    ":has(b)",
    "a:not(b)",
    "#a:hover",
    "[foo=bar]",
    "*|a",
    "a&b",
    "--x",
    "",
]
NODE_SCRIPT = """
const [root, sels] = [process.argv[1], JSON.parse(process.argv[2])];
const uia2 = await import(root + '/appium-uiautomator2-driver/build/lib/css/index.js');
const xcui = await import(root + '/appium-xcuitest-driver/build/lib/css/index.js');
const out = [];
for (const s of sels) {
  const row = [];
  const converters = [(c) => uia2.cssToNativeLocator(c, 'com.example.app'), xcui.cssToNativeLocator];
  for (const convert of converters) {
    try { row.push((await convert(s)).selector); } catch (e) { row.push('ERROR ' + e.message); }
  }
  out.push(row);
}
console.log(JSON.stringify(out));
"""


def ours(selector: str, schema: css.Schema, emit) -> str:
    try:
        return css.convert(selector, schema, emit)
    except WebDriverError as exc:
        return "ERROR " + exc.message


@pytest.fixture(scope="module")
def theirs() -> list[list[str]]:
    for driver in ("appium-uiautomator2-driver", "appium-xcuitest-driver"):
        assert (DRIVERS / driver).is_dir(), f"{driver} is not installed in node_modules: run `make setup`"
    return json.loads(run_node(NODE_SCRIPT, str(DRIVERS), json.dumps(SELECTORS), timeout=60))


@pytest.mark.parametrize("index", range(len(SELECTORS)), ids=[repr(s) for s in SELECTORS])
def test_converted_as_the_drivers_convert(theirs, index):
    selector = SELECTORS[index]
    android = ours(selector, uiautomator2.CSS_SCHEMA, lambda rule: uiautomator2.uiselector_of(rule, PACKAGE))
    ios = ours(selector, xcuitest.CSS_SCHEMA, xcuitest.class_chain_of)
    assert [android, ios] == theirs[index]


def test_css_finds_native_elements_on_android(session):
    driver = session("android")
    assert driver.find_element(AppiumBy.CSS_SELECTOR, "#login_email").get_attribute("resource-id") == (
        "com.netflix.mediaclient:id/login_email"
    )
    assert driver.find_element(AppiumBy.CSS_SELECTOR, '[text="Sign In"]').tag_name == "android.widget.Button"
    assert len(driver.find_elements(AppiumBy.CSS_SELECTOR, "android.widget.EditText")) == 2
    assert driver.find_elements(AppiumBy.CSS_SELECTOR, "#does_not_exist") == []


def test_css_finds_native_elements_on_ios(session):
    driver = session("ios")
    assert driver.find_element(AppiumBy.CSS_SELECTOR, '[name="Sign In"]').tag_name == "XCUIElementTypeButton"
    assert driver.find_element(AppiumBy.CSS_SELECTOR, "SecureTextField").get_attribute("name") == "Password"
    assert len(driver.find_elements(AppiumBy.CSS_SELECTOR, "Window > Other TextField")) == 1


def test_an_unsupported_css_selector_is_the_drivers_error(session, platform):
    driver = session(platform)
    with pytest.raises(InvalidSelectorException) as caught:
        driver.find_element(AppiumBy.CSS_SELECTOR, "a:hover")
    assert caught.value.msg.startswith("Unsupported CSS selector 'a:hover';")  # selenium adds a doc link
