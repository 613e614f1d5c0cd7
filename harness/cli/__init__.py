"""`harness` command line: one module per verb in this package, the top layer (it may import any other)."""

from __future__ import annotations

import argparse
import importlib
import sys

# verb -> module with `register(subparsers)`; imported lazily so `harness lint` stays fast.
VERB_MODULES: dict[str, str] = {
    "lint": "harness.cli.lint",
    "plan": "harness.cli.plan",
    "schema": "harness.cli.schema",
    "run": "harness.cli.run",
    "sim": "harness.cli.sim",
    "doctor": "harness.cli.devices",
    "devices": "harness.cli.devices",
    "report": "harness.cli.report",
    "inspect": "harness.cli.inspect",
}


def build_parser(verbs: list[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="harness",
        description="Run YAML mobile scenarios on Appium (UiAutomator2 / XCUITest) with Allure reports.",
    )
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    sub.required = True
    registered: set[str] = set()
    for verb in verbs or list(VERB_MODULES):
        module_name = VERB_MODULES[verb]
        if module_name in registered:
            continue
        registered.add(module_name)
        importlib.import_module(module_name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    passthrough: list[str] = []
    if "--" in argv:  # `harness run ... -- -x --lf`: the rest goes to pytest untouched
        cut = argv.index("--")
        argv, passthrough = argv[:cut], argv[cut + 1:]
    verb = argv[0] if argv and argv[0] in VERB_MODULES else None
    parser = build_parser([verb] if verb else None)
    args = parser.parse_args(argv)
    if passthrough:
        args.pytest_args = passthrough
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `harness plan ... | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
