"""The simulated device's shape: platform knowledge only in its flavours, imports one way, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

from harness.sim.flavours.base import Flavour
from harness.sim.flavours.registry import FLAVOURS
from tests.helpers import ROOT

SIM = ROOT / "harness" / "sim"
FLAVOUR_DIR = SIM / "flavours"
# the device side plays one driver's device per folder (adb and the UiAutomator2 server; WebDriverAgent and
# usbmuxd): their protocols are platform-specific by nature, like the flavours
DRIVER_DIRS = (FLAVOUR_DIR, SIM / "device_side" / "android", SIM / "device_side" / "ios")
# the CLI verb moves to the CLI package; its `--platform` choices are the one platform list it keeps
NOT_SCANNED = {SIM / "cli.py"}
MAX_LINES = 400


def modules() -> list[Path]:
    return sorted(p for p in SIM.rglob("*.py") if p not in NOT_SCANNED)


def module_name(path: Path) -> str:
    parts = path.relative_to(SIM.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def platform_words() -> set[str]:
    words: set[str] = set()
    for flavour in FLAVOURS.values():
        words |= {flavour.platform.lower(), flavour.platform_name.lower(), flavour.automation_name.lower()}
    return words


def platform_strings(path: Path, words: set[str], root: Path = SIM) -> list[str]:
    """String constants naming a platform or driver, except docstrings and parameter defaults."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                allowed.add(id(body[0].value))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            allowed |= {id(d) for d in [*node.args.defaults, *node.args.kw_defaults] if d is not None}
    return [
        f"{path.relative_to(root)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.lower() in words
        and id(node) not in allowed
    ]


def test_no_platform_string_outside_the_flavours():
    words = platform_words()
    assert {"android", "ios", "uiautomator2", "xcuitest"} <= words
    found = [hit for p in modules() if not set(DRIVER_DIRS) & set(p.parents)
             for hit in platform_strings(p, words)]
    assert found == [], "platform names belong to harness/sim/flavours/:\n" + "\n".join(found)


def test_the_scan_finds_a_platform_check(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('"""doc: android"""\ndef f(p="ios"):\n    return p == "android" or {"iOS": 1}\n')
    assert platform_strings(probe, platform_words(), tmp_path) == [
        "probe.py:3: 'android'",
        "probe.py:3: 'iOS'",
    ]


def imports_of(path: Path) -> set[str]:
    """harness.sim modules a module imports, TYPE_CHECKING blocks included, plus the packages they sit in."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = package.split(".")
                base = ".".join([*here[: len(here) - node.level + 1], base]).strip(".")
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for target in targets:
            parts = target.split(".")
            for i in range(3, len(parts) + 1):  # harness.sim.x, harness.sim.x.y: the packages on the way
                out.add(".".join(parts[:i]))
    known = {module_name(p) for p in SIM.rglob("*.py")}
    return {t for t in out if t in known and t != name and t.startswith("harness.sim.")}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_imports_inside_the_simulated_device_have_no_cycle():
    graph = {module_name(p): imports_of(p) for p in SIM.rglob("*.py")}
    assert "harness.sim.runtime" in graph["harness.sim.session"]
    assert "harness.sim.layout" in graph["harness.sim.runtime"]
    assert cycles(graph) == []


def test_the_cycle_check_sees_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_layout_does_not_know_the_runtime():
    graph = {module_name(p): imports_of(p) for p in SIM.rglob("*.py")}
    assert "harness.sim.runtime" not in graph["harness.sim.layout"]
    assert "harness.sim.runtime" not in graph["harness.sim.snapshot"]


def test_no_module_is_over_400_lines():
    long = [
        f"{p.relative_to(SIM)}: {n}" for p in modules() if (n := len(p.read_text().splitlines())) > MAX_LINES
    ]
    assert long == []


def test_every_flavour_implements_the_interface():
    for key, flavour in FLAVOURS.items():
        assert isinstance(flavour, Flavour) and flavour.platform == key
        assert flavour.catalogue.methods and all(
            name.startswith("mobile: ") for name in flavour.catalogue.methods
        )
        assert flavour.geometry.pixel_size[0] > 0 and flavour.strategies


def shipped_app_names() -> set[str]:
    from harness.sim.loader import APPS_DIR, load_app_model

    models = [load_app_model(p) for p in APPS_DIR.glob("*.yaml")]
    return {m.name.lower() for m in models}


def test_no_app_is_named_in_the_code():
    """Apps are data (harness/sim/apps/*.yaml); the code knows none of them by name."""
    names = shipped_app_names()
    assert "netflix" in names
    found = [
        f"{p.relative_to(SIM)}:{n}: {name}"
        for p in modules()
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        for name in names
        if name in line.lower()
    ]
    assert found == []
