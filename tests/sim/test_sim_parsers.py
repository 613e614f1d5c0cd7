"""The selector languages on their own: NSPredicate, class chain and UiSelector, without HTTP."""

from __future__ import annotations

import pytest

from harness.sim import classchain, uiselector, uiselector_search
from harness.sim.errors import WebDriverError
from harness.sim.nodes import FNode
from harness.sim.predicate import compile_predicate

BUTTON = {
    "type": "XCUIElementTypeButton",
    "name": "Log out",
    "label": "Log out",
    "value": None,
    "visible": True,
    "enabled": True,
    "rect": {"x": 10, "y": 500, "width": 100, "height": 44},
}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('label == "Log out"', True),
        ("label = 'Log out'", True),
        ('label == "log out"', False),
        ('label ==[c] "LOG OUT"', True),
        ('label != "Cancel"', True),
        ('label <> "Log out"', False),
        ('label CONTAINS "g o"', True),
        ('label CONTAINS[c] "G O"', True),
        ('label BEGINSWITH "Log"', True),
        ('label ENDSWITH "out"', True),
        ('label LIKE "L?g *"', True),
        ('label MATCHES "Log (in|out)"', True),
        ('label MATCHES "Log"', False),  # a whole-string match, as ICU does
        ("value == nil", True),
        ('value == "x"', False),
        ("visible == 1 AND enabled == TRUE", True),
        ("visible == YES && !(enabled == NO)", True),
        ("NOT visible == 0", True),
        ("rect.y >= 500 AND rect.height BETWEEN {40, 50}", True),
        ("wdRect.x < 5", False),
        ('type IN {"XCUIElementTypeCell", "XCUIElementTypeButton"}', True),
        ("elementType == 9", True),
        ('label == "a" OR label == "Log out"', True),
        ('(label == "a" OR label == "b") AND visible == 1', False),
        ("TRUEPREDICATE", True),
        ('name == "Log\\"s"', False),
        ('label == "Log\\u0020out"', False),  # no unicode escapes in NSPredicate string literals
    ],
)
def test_predicates(source, expected):
    assert compile_predicate(source)(BUTTON) is expected


@pytest.mark.parametrize(
    "source",
    [
        "",
        "label ==",
        "label == 'a",
        "foo == 1",
        "label ==[x] 'a'",
        "label 'a'",
        "(label == 'a'",
        "label == 'a')",
        "label == 'a' AND",
    ],
)
def test_bad_predicates(source):
    with pytest.raises(WebDriverError) as caught:
        compile_predicate(source)
    assert caught.value.error == "invalid selector"


def tree() -> FNode:
    app = FNode("app", "XCUIElementTypeApplication", None, props={"type": "XCUIElementTypeApplication"})
    window = app.add(FNode("w", "XCUIElementTypeWindow", None, props={"type": "XCUIElementTypeWindow"}))
    for n in range(3):
        cell = window.add(
            FNode(
                f"c{n}",
                "XCUIElementTypeCell",
                None,
                props={"type": "XCUIElementTypeCell", "name": f"cell {n}"},
            )
        )
        cell.add(
            FNode(
                f"b{n}",
                "XCUIElementTypeButton",
                None,
                props={"type": "XCUIElementTypeButton", "name": f"button {n}"},
            )
        )
    return app


@pytest.mark.parametrize(
    ("chain", "keys"),
    [
        ("**/XCUIElementTypeButton", ["b0", "b1", "b2"]),
        ("**/XCUIElementTypeButton[2]", ["b1"]),
        ("**/XCUIElementTypeButton[-1]", ["b2"]),
        ("XCUIElementTypeWindow/XCUIElementTypeCell[`name == 'cell 1'`]/XCUIElementTypeButton", ["b1"]),
        ("XCUIElementTypeWindow/*[3]", ["c2"]),
        ("**/XCUIElementTypeCell[$name == 'button 2'$]", ["c2"]),
        ("XCUIElementTypeWindow/XCUIElementTypeAny/XCUIElementTypeButton", ["b0", "b1", "b2"]),
        ("**/XCUIElementTypeCell[`name BEGINSWITH 'cell'`][-2]/XCUIElementTypeButton", ["b1"]),
        ("XCUIElementTypeButton", []),
        ("**/XCUIElementTypeButton[9]", []),
    ],
)
def test_class_chains(chain, keys):
    assert [n.key for n in classchain.evaluate(classchain.parse(chain), [tree()])] == keys


@pytest.mark.parametrize(
    "chain", ["", "**/", "XCUIElementTypeFoo", "*[0]", "*[x]", "*[`a ==`]", "*[1", "*/", "*//*", "**/**/*"]
)
def test_bad_class_chains(chain):
    with pytest.raises(WebDriverError) as caught:
        classchain.parse(chain)
    assert caught.value.error == "invalid selector"


def android_nodes() -> list[FNode]:
    root = FNode("h", "hierarchy", None)
    frame = root.add(
        FNode("f", "android.widget.FrameLayout", None, props={"class": "android.widget.FrameLayout"})
    )
    for n, text in enumerate(["Alpha", 'Beta "quoted"', "Gamma"]):
        frame.add(
            FNode(
                f"t{n}",
                "android.widget.TextView",
                None,
                props={
                    "class": "android.widget.TextView",
                    "text": text,
                    "clickable": n == 2,
                    "content-desc": "",
                    "resource-id": f"pkg:id/t{n}",
                },
            )
        )
    return list(root.walk())


@pytest.mark.parametrize(
    ("selector", "keys"),
    [
        ('new UiSelector().text("Alpha")', ["t0"]),
        ('new UiSelector().text("Beta \\"quoted\\"")', ["t1"]),
        ('new UiSelector().className("android.widget.TextView").instance(2)', ["t2"]),
        ('new UiSelector().className("android.widget.TextView").index(1)', ["t1"]),
        ("new UiSelector().clickable(true)", ["t2"]),
        ('new UiSelector().textMatches("[AB].*")', ["t0", "t1"]),
        ('new UiSelector().resourceIdMatches(".*t[12]")', ["t1", "t2"]),
        (
            'new UiSelector().className("android.widget.FrameLayout")'
            '.childSelector(new UiSelector().text("Gamma"))',
            ["t2"],
        ),
        ('new UiSelector().text("Alpha").fromParent(new UiSelector().text("Gamma"))', ["t2"]),
        ('new UiSelector().text("Alpha"); new UiSelector().text("Gamma")', ["t0", "t2"]),
        ('new UiSelector().textStartsWith("Gam")', ["t2"]),
    ],
)
def test_ui_selectors(selector, keys):
    nodes = android_nodes()
    host = uiselector_search.ScrollHost(
        nodes=lambda: nodes, scroll=lambda n, f: 0.0, can_scroll=lambda n, d: False
    )
    assert [
        n.key for n in uiselector_search.evaluate(uiselector.parse(selector), lambda: nodes, host)
    ] == keys


@pytest.mark.parametrize(
    "selector",
    [
        'new UiSelector().text("a"',
        'new UiSelector().txt("a")',
        "new Foo()",
        'new UiSelector().text("a\\q")',
        "new UiSelector().clickable(1)",
        'new UiSelector().textMatches("[")',
        "new UiScrollable(1)",
        ";",
    ],
)
def test_bad_ui_selectors(selector):
    with pytest.raises(WebDriverError) as caught:
        uiselector.parse(selector)
    assert caught.value.error == "invalid selector"
