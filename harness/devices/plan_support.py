"""`harness plan --device PROFILE`: the translation context of a profile and the capabilities it would send.

Showing the exact capabilities (worker 0's ports included) lets a user check a real profile on a machine
that has no device, and paste them into Appium Inspector to capture locators.
"""

from __future__ import annotations

from typing import Any

from harness.devices.capabilities import build_options, worker_overrides
from harness.devices.profiles import load_profile
from harness.errors import HarnessError
from harness.translate.context import TranslateContext


def profile_context(
    device: str, app: str | None, platform: str | None = None
) -> tuple[TranslateContext, dict[str, Any]]:
    """(context, W3C capabilities) for `device`; `platform`, when given, must be the profile's."""
    profile = load_profile(device)
    if platform and platform != profile.platform:
        raise HarnessError(f"device profile {profile.name!r} is {profile.platform}, not {platform}")
    app_name = app if app in profile.apps else None
    ctx = TranslateContext(
        platform=profile.platform,
        app_ids={name: entry.id for name, entry in profile.apps.items()},
        default_app=app_name,
        screen=(profile.screen.width, profile.screen.height),
        env_defaults=dict(profile.env),
    )
    options = build_options(profile, app_name, worker_overrides(profile, 0))
    return ctx, options.to_w3c()["capabilities"]["alwaysMatch"]
