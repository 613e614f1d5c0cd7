"""The fake Android SDK folder that ANDROID_HOME points at: `platform-tools/adb` and nothing else.

The driver finds adb under $ANDROID_HOME/platform-tools and runs it for every device command; here adb is
a copy of adb_client.py run by this very Python (the project's venv), never through a shell.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

from harness.sim.device_side.android import adb_client

SHEBANG_LIMIT = 120  # Linux reads at most 127 bytes of a #! line (older kernels)


class SdkError(Exception):
    """The fake SDK cannot be made here (an interpreter path that cannot go in a #! line)."""


def interpreter() -> str:
    python = sys.executable
    if not python or any(c.isspace() for c in python) or len(python) > SHEBANG_LIMIT:
        raise SdkError(
            f"the fake adb needs a Python path without spaces and under {SHEBANG_LIMIT} characters for its "
            f"#! line, got {python!r}: create the virtualenv in a shorter path"
        )
    return python


def make_sdk(root: Path, port: int, token: str) -> Path:
    """Write <root>/platform-tools/{adb,device.json}; return <root> (the ANDROID_HOME)."""
    tools = root / "platform-tools"
    tools.mkdir(parents=True, exist_ok=True)
    os.chmod(root, stat.S_IRWXU)
    config = tools / adb_client.CONFIG
    config.write_text(json.dumps({"port": port, "token": token}), encoding="utf-8")
    os.chmod(config, stat.S_IRUSR | stat.S_IWUSR)
    script = tools / "adb"
    source = Path(adb_client.__file__).read_text(encoding="utf-8")
    script.write_text(f"#!{interpreter()} -IS\n{source}", encoding="utf-8")
    os.chmod(script, stat.S_IRWXU)
    return root
