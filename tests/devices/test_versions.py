"""The npm range subset `harness doctor` uses to compare Node and npm with package.json engines."""

import pytest

from harness.devices.versions import parse_version, satisfies


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("v20.19.1\n", (20, 19, 1)),
        ("11.6.2", (11, 6, 2)),
        ('openjdk version "17.0.2" 2022', (17, 0, 2)),
        ("3.8", (3, 8, 0)),
        ("no digits", None),
    ],
)
def test_parse_version(text, version):
    assert parse_version(text) == version


@pytest.mark.parametrize(
    ("version", "spec", "ok"),
    [
        ((20, 20, 2), ">=20.19", True),
        ((20, 18, 9), ">=20.19", False),
        ((20, 19, 0), "^20.19.0 || ^22.12.0 || >=24.0.0", True),
        ((21, 0, 0), "^20.19.0 || ^22.12.0 || >=24.0.0", False),
        ((22, 11, 0), "^20.19.0 || ^22.12.0 || >=24.0.0", False),
        ((24, 1, 0), "^20.19.0 || ^22.12.0 || >=24.0.0", True),
        ((10, 9, 0), ">=10 <12", True),
        ((12, 0, 0), ">=10 <12", False),
        ((1, 2, 9), "~1.2.3", True),
        ((1, 3, 0), "~1.2.3", False),
        ((0, 2, 5), "^0.2.1", True),
        ((0, 3, 0), "^0.2.1", False),
        ((20, 5, 1), "20", True),
        ((3, 8, 0), "3.8.0", True),
        ((3, 8, 1), "3.8.0", False),
        ((5, 0, 0), "*", True),
    ],
)
def test_satisfies(version, spec, ok):
    assert satisfies(version, spec) is ok
