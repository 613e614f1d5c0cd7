"""The translation context of a device profile: what `harness plan --device` and the runner translate with.

One place turns a profile (platform, app ids, screen size, env defaults) into a TranslateContext, so a
plan shown for a profile and the commands the runner sends for it can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from harness.devices.profiles import DeviceProfile
from harness.scenario.variables import Value
from harness.translate.context import TranslateContext


def translate_context(
    profile: DeviceProfile,
    app: str | None = None,
    *,
    screens: Any = None,
    variables: Mapping[str, Any] | None = None,
    strict_variables: bool = False,
    url: Value | None = None,
) -> TranslateContext:
    """The context for `app` (an `apps:` key of the profile, or None for its first app); `url`: a web
    scenario's start page, resolved."""
    return TranslateContext(
        platform=profile.platform,
        app_ids={name: entry.id for name, entry in profile.apps.items()},
        default_app=app,
        screen=(profile.screen.width, profile.screen.height),
        screens=screens,
        variables=variables or {},
        strict_variables=strict_variables,
        env_defaults=dict(profile.env),
        url=url,
    )
