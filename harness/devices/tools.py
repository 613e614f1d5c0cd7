"""Finding and running the host tools (node, adb, emulator, xcrun...) without a shell.

Every command is an argv list and every call has a timeout, so a name from a profile or the command line
can never be read as shell syntax, and a hung tool cannot hang `harness doctor`.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from harness.devices.project import project_root

# Where the Android SDK keeps each tool, relative to ANDROID_HOME (searched before PATH).
SDK_DIRS = {
    "adb": ["platform-tools"],
    "emulator": ["emulator"],
    "sdkmanager": ["cmdline-tools/latest/bin", "tools/bin"],
    "avdmanager": ["cmdline-tools/latest/bin", "tools/bin"],
}


@dataclass
class Host:
    """The machine as the checks see it; tests pass their own to get the same answer everywhere."""

    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    system: str = field(default_factory=platform.system)  # "Linux", "Darwin", "Windows"
    root: Path = field(default_factory=project_root)
    kvm: Path = Path("/dev/kvm")  # the emulator's hardware acceleration on Linux

    @property
    def path(self) -> str:
        return self.environ.get("PATH", os.defpath)

    @property
    def android_home(self) -> Path | None:
        """$ANDROID_HOME, else the older $ANDROID_SDK_ROOT, when set to an existing folder."""
        for name in ("ANDROID_HOME", "ANDROID_SDK_ROOT"):
            value = self.environ.get(name)
            if value and Path(value).is_dir():
                return Path(value)
        return None

    def which(self, name: str) -> Path | None:
        """The tool's path: the Android SDK folders first for SDK tools, then PATH."""
        sdk = self.android_home
        if sdk is not None:
            for sub in SDK_DIRS.get(name, []):
                candidate = sdk / sub / name
                if candidate.is_file() and os.access(candidate, os.X_OK):
                    return candidate
        found = shutil.which(name, path=self.path)
        return Path(found) if found else None

    def node_tool(self, name: str) -> Path | None:
        """A tool of the project's node_modules/.bin (appium, allure), else PATH."""
        local = self.root / "node_modules" / ".bin" / name
        if local.is_file() and os.access(local, os.X_OK):
            return local
        return self.which(name)

    def run(
        self,
        argv: Sequence[str | os.PathLike[str]],
        timeout: float = 30,
        extra_env: Mapping[str, str] | None = None,
    ) -> Result:
        """Run argv (no shell) with this host's environment; never raises for a failing tool."""
        env = dict(self.environ)
        env.update(extra_env or {})
        args = [os.fspath(a) for a in argv]
        try:
            done = subprocess.run(  # argv list, no shell: profile and user text stay plain arguments
                args,
                capture_output=True,
                timeout=timeout,
                env=env,
                cwd=self.root,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            return Result(args, 127, "", f"{args[0]}: not found")
        except PermissionError as exc:
            return Result(args, 126, "", f"{args[0]}: {exc.strerror}")
        except subprocess.TimeoutExpired:
            return Result(args, -1, "", f"{' '.join(args)} did not finish within {timeout:g} s")
        return Result(args, done.returncode, _text(done.stdout), _text(done.stderr))


@dataclass
class Result:
    argv: list[str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def output(self) -> str:
        return (self.stdout + "\n" + self.stderr).strip()

    def error(self) -> str:
        """One line saying why the command failed."""
        lines = [line for line in self.output.splitlines() if line.strip()]
        last = lines[-1].strip() if lines else "no output"
        return (
            f"`{' '.join(Path(self.argv[0]).name if i == 0 else a for i, a in enumerate(self.argv))}` "
            f"failed (exit {self.returncode}): {last}"
        )


def _text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")
