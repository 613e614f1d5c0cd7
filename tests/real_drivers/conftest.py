"""The fixture of tier 3b: one pytest run of every scenario folder of tier.FOLDERS through the direct
profiles and their real-driver twins (the helpers: tier.py)."""

from __future__ import annotations

import pytest

from tests.helpers import run_pytest
from tests.real_drivers.tier import (
    FOLDERS,
    NETFLIX_REAL,
    PLATFORMS,
    REFUSED,
    Folder,
    TierRun,
    profile_name,
    twin_profile,
)


@pytest.fixture(scope="session")
def tier_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TierRun]:
    """One run per set of profiles (folders of one app share it), keyed by folder path."""
    groups: dict[tuple[tuple[str, str], ...], list[Folder]] = {}
    for folder in FOLDERS:
        groups.setdefault(tuple(sorted(folder.direct.items())), []).append(folder)
    runs: dict[str, TierRun] = {}
    for index, folders in enumerate(groups.values()):
        tmp = tmp_path_factory.mktemp(f"real-drivers-{index}")
        profiles: list[str] = []
        for folder in folders[:1]:
            for platform in PLATFORMS:
                profiles.append(folder.direct[platform])
                real = folder.real[platform] if folder.real else str(twin_profile(folder.direct[platform],
                                                                                  platform, tmp))
                profiles.append(real)
        paths = [path for folder in folders for path in folder.run_paths()]
        paths += [REFUSED] if folders[0].real == NETFLIX_REAL else []
        args = [*paths, "-p", "tests.real_drivers.step_marks", "-p", "no:randomly"]
        for profile in profiles:
            args += ["--device", profile]
        run = run_pytest(args, tmp, timeout=600)
        devices = {p: profile_name(p) for p in profiles}
        tier = TierRun(run, tmp / "artifacts", devices)
        for folder in folders:
            runs[folder.path] = tier
        runs.setdefault(REFUSED, tier)
    return runs
