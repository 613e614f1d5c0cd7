"""Reading page sources as each driver writes them, and the selectors proposed from them (no device)."""

from __future__ import annotations

import pytest
from lxml import etree

from harness.inspect.candidates import candidates, xpath_for
from harness.inspect.fragment import words
from harness.inspect.source import Node, Rect, Source, parse_source
from harness.inspect.yamltext import flow
from harness.translate.web import xpath_literal
from harness.yamlio import load_text

ANDROID = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2400">
  <android.widget.FrameLayout class="android.widget.FrameLayout" text=""
      resource-id="org.example.app:id/root" clickable="false" bounds="[0,0][1080,2400]" displayed="true">
    <android.widget.TextView class="android.widget.TextView" text="Title"
        resource-id="org.example.app:id/txtTitle" clickable="false" bounds="[0,0][1080,100]"
        displayed="true"/>
    <android.widget.TextView class="android.widget.TextView" text="{prose}" clickable="false"
        bounds="[0,100][1080,300]" displayed="true"/>
    <android.widget.EditText class="android.widget.EditText" text="Email" hint="Email" showing-hint="true"
        resource-id="org.example.app:id/inputEmail" clickable="true" bounds="[0,300][1080,400]"
        displayed="true"/>
    <android.widget.EditText class="android.widget.EditText" text="" password="true" clickable="true"
        bounds="[0,400][1080,500]" displayed="true"/>
    <android.widget.Button class="android.widget.Button" text="OK" resource-id="android:id/button1"
        clickable="true" bounds="[0,500][540,600]" displayed="true"/>
    <android.widget.ImageButton class="android.widget.ImageButton" text="" content-desc="Close"
        clickable="true" bounds="[540,500][1080,600]" displayed="true"/>
    <android.widget.Button class="android.widget.Button" text="Hidden" clickable="true"
        bounds="[0,2400][540,2500]" displayed="false"/>
  </android.widget.FrameLayout>
</hierarchy>""".replace("{prose}", "word " * 30)

IOS = """<?xml version="1.0" encoding="UTF-8"?>
<AppiumAUT>
  <XCUIElementTypeApplication type="XCUIElementTypeApplication" name="App" label="App" visible="true"
      x="0" y="0" width="390" height="844">
    <XCUIElementTypeWindow type="XCUIElementTypeWindow" visible="true" x="0" y="0" width="390" height="844">
      <XCUIElementTypeOther type="XCUIElementTypeOther" name="list" visible="true"
          x="0" y="0" width="390" height="844">
        <XCUIElementTypeStaticText type="XCUIElementTypeStaticText" name="Welcome" label="Welcome"
            value="Welcome" visible="true" x="16" y="40" width="358" height="40"/>
        <XCUIElementTypeButton type="XCUIElementTypeButton" name="home.signIn" label="Sign in" visible="true"
            x="16.0" y="100.5" width="358" height="48"/>
        <XCUIElementTypeTextField type="XCUIElementTypeTextField" name="home.email" label=""
            value="me@example.org" visible="true" x="16" y="160" width="358" height="48"/>
        <XCUIElementTypeButton type="XCUIElementTypeButton" name="It's &quot;on&quot;"
            label="It's &quot;on&quot;" visible="true" x="16" y="220" width="358" height="48"/>
      </XCUIElementTypeOther>
    </XCUIElementTypeWindow>
  </XCUIElementTypeApplication>
</AppiumAUT>"""


def by_class(source: Source, cls: str) -> list[Node]:
    return [n for n in source.nodes if n.cls == cls]


def test_android_nodes_keep_their_bounds_and_the_listing_leaves_out_layout_and_prose() -> None:
    source = parse_source(ANDROID, "android")
    title = by_class(source, "android.widget.TextView")[0]
    assert title.rect == Rect(0, 0, 1080, 100)
    # the root container (children, no label), the 30-word paragraph and the element the driver says is
    # not displayed are not listed; `everything` lists them all
    listed = [(n.cls.rpartition(".")[2], n.get("text")) for n in source.nodes if source.listed(n)]
    assert listed == [("TextView", "Title"), ("EditText", "Email"), ("EditText", ""), ("Button", "OK"),
                      ("ImageButton", "")]
    assert len([n for n in source.nodes if source.listed(n, everything=True)]) == len(source.nodes) == 8


def test_android_selectors_follow_the_id_strategy_and_never_an_input_s_hint() -> None:
    source = parse_source(ANDROID, "android")
    reading = source.reading
    email, password = by_class(source, "android.widget.EditText")
    ok = by_class(source, "android.widget.Button")[0]
    close = by_class(source, "android.widget.ImageButton")[0]
    # the app's own package prefix is what the `id` strategy adds: left out; another package's is kept
    assert reading.identity(email, "org.example.app") == [("id", "inputEmail")]  # no text: it is the hint
    assert reading.identity(ok, "org.example.app") == [("id", "android:id/button1"), ("text", "OK")]
    assert reading.identity(close, "org.example.app") == [("accessibility_id", "Close")]
    assert reading.identity(password, "org.example.app") == []
    assert reading.label(email) == "Email"  # the hint still names it, and matches it across platforms
    keys = [c.key for c in candidates(ok, reading, "org.example.app")]
    assert keys == ["id", "text", "class_name", "xpath"]


def test_ios_names_that_only_repeat_the_label_are_not_identifiers() -> None:
    source = parse_source(IOS, "ios")
    reading = source.reading
    welcome = by_class(source, "XCUIElementTypeStaticText")[0]
    sign_in, quoted = by_class(source, "XCUIElementTypeButton")
    email = by_class(source, "XCUIElementTypeTextField")[0]
    assert sign_in.rect == Rect(16, 100, 358, 48)  # WDA's fractional points, rounded
    assert reading.identity(welcome, "") == [("text", "Welcome")]
    assert reading.identity(sign_in, "") == [("accessibility_id", "home.signIn"), ("text", "Sign in")]
    assert reading.identity(email, "") == [("accessibility_id", "home.email")]  # never the typed value
    assert reading.identity(quoted, "") == [("text", 'It\'s "on"')]


@pytest.mark.parametrize("platform, xml", [("android", ANDROID), ("ios", IOS)])
def test_every_proposed_xpath_finds_its_node_in_the_page_source(platform: str, xml: str) -> None:
    """The proposals are evaluated by a real XPath engine over the same XML (the driver is asked too, in
    the live tests): each finds exactly its own node."""
    source = parse_source(xml, platform)
    document = etree.fromstring(xml.encode())
    elements = [e for e in document.iter() if e is not document]
    for node in source.nodes:
        xpath = xpath_for(node, source.reading)
        found = document.xpath(xpath)
        assert len(found) == 1, xpath
        assert elements.index(found[0]) == node.order, xpath


def test_xpath_literals_hold_any_quote() -> None:
    document = etree.fromstring("<r><a v='x'/><a v=\"it's\"/><a v='say &quot;hi&quot; it&apos;s'/></r>")
    for value in ("x", "it's", "say \"hi\" it's"):
        found = document.xpath(f"//a[@v={xpath_literal(value)}]")
        assert [a.get("v") for a in found] == [value]


@pytest.mark.parametrize("value", ["Accept all", "Who's watching?", "yes", "1.5", "null", "a: b", "#x",
                                   "KP 2031 8842 · Delivered", 'say "hi"', "trailing ", "- dash"])
def test_selectors_are_written_so_every_yaml_reader_reads_them_back(value: str) -> None:
    import yaml

    text = flow({"text": value})
    assert yaml.safe_load(text) == {"text": value}
    assert load_text(f"k: {text}\n", "x.yaml").data == {"k": {"text": value}}  # the harness's own loader
    if value == "Accept all":
        assert text == "{text: Accept all}"  # plain where nothing can be misread


def test_identifiers_split_into_words() -> None:
    assert words("btnConsentAcceptAll") == ["btn", "consent", "accept", "all"]
    assert words("parcels.signOut") == ["parcels", "sign", "out"]
    assert words("URLField2") == ["url", "field2"]
    assert words("Sign in") == ["sign", "in"]
