"""`harness plan SCENARIO --platform android|ios|web [--device PROFILE] [--json]`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from harness.drivers import AUTOMATION_NAMES, PLATFORMS
from harness.errors import HarnessError, InvalidInputError
from harness.masking import masker
from harness.scenario.loader import load_scenario
from harness.scenario.variables import scenario_url, scenario_variables, secrets_masked
from harness.translate.context import TranslateContext, TranslateError, default_context
from harness.translate.plan import build_plan, masked_variables, plan_json, plan_text


def register(sub: Any) -> None:
    parser = sub.add_parser("plan", help="print the Appium commands a scenario will send")
    parser.add_argument("scenario", help="scenario file")
    parser.add_argument("--platform", choices=PLATFORMS,
                        help="default: the device profile's (a web scenario's: web)")
    parser.add_argument("--device", help="device profile (name in device_profiles/ or a path)")
    parser.add_argument("--json", action="store_true", help="print a JSON list of command objects")
    parser.set_defaults(func=run_plan)


def context_for(args: argparse.Namespace, scenario: Any) -> tuple[TranslateContext, dict[str, Any]]:
    """Translation context and the capabilities to show, from a device profile or defaults."""
    app, platforms = scenario.file.app, scenario.file.platforms
    if args.device:
        ctx, capabilities = profile_context(args.device, app, args.platform)
    elif args.platform or len(platforms) == 1:
        ctx, capabilities = default_context(args.platform or platforms[0], app), {}
    else:
        raise HarnessError("harness plan needs --platform android|ios or --device PROFILE")
    if ctx.platform not in platforms:
        what = "a page in a browser (url:)" if "web" in platforms else "an app (no url:)"
        raise HarnessError(f"{scenario.path} runs {what}: plan it for {' or '.join(platforms)}, "
                           f"not {ctx.platform}")
    return ctx, capabilities


def profile_context(
    device: str, app: str | None, platform: str | None = None
) -> tuple[TranslateContext, dict[str, Any]]:
    """(context, W3C capabilities) for `device`; `platform`, when given, must be the profile's.

    Showing the exact capabilities (worker 0's ports included) lets a user check a real profile on a
    machine that has no device, and paste them into Appium Inspector (`harness inspect` opens its own
    session with them)."""
    from harness.devices.capabilities import build_options, worker_overrides
    from harness.devices.profiles import load_profile
    from harness.devices.translation import translate_context

    profile = load_profile(device)
    if platform and platform != profile.platform:
        raise HarnessError(f"device profile {profile.name!r} is {profile.platform}, not {platform}")
    app_name = app if app in profile.apps else None
    options = build_options(profile, app_name, worker_overrides(profile, 0))
    return translate_context(profile, app_name), options.to_w3c()["capabilities"]["alwaysMatch"]


def run_plan(args: argparse.Namespace) -> int:
    try:
        scenario = load_scenario(args.scenario)
        ctx, capabilities = context_for(args, scenario)
        variables = scenario_variables(scenario.file.env, os.environ, ctx.env_defaults, strict=False)
        url = scenario_url(scenario.file.url, os.environ, ctx.env_defaults, strict=False)
        secrets = {v.text for v in variables.values() if v.secret and v.text} | _profile_secrets(args)
        if url is not None and url.secret:
            secrets.add(url.text)
        mask = masker(secrets)
        # nothing made from a secret (a text selector, a URL, an expectation) shows it: translated masked
        ctx = ctx.with_variables(secrets_masked(variables)).with_url(
            secrets_masked({"url": url})["url"] if url else None)
        plan = build_plan(scenario, ctx)
    except (InvalidInputError, TranslateError) as exc:  # located problems: shown as they are
        print(exc, file=sys.stderr)
        return 1
    except HarnessError as exc:
        print(f"harness plan: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(mask(json.dumps(plan_json(plan), indent=2, ensure_ascii=False)))
        return 0
    header = [
        f"Scenario: {scenario.name}  ({scenario.path})",
        f"Platform: {ctx.platform} ({driver_words(ctx.platform, args.device)}), " + (
            f"url: {ctx.url.text if ctx.url else '<none>'}" if ctx.platform == "web"
            else f"app id: {ctx.app_id_for(scenario.file.app)}"),
    ]
    if capabilities:
        header.append("Capabilities:")
        header.extend(f"  {k}: {json.dumps(v)}" for k, v in capabilities.items())
    if variables:
        header.append("Variables: " + ", ".join(f"{k}={v}" for k, v in masked_variables(variables).items()))
    print(mask(plan_text(plan, "\n".join(header))))  # and what a profile marks secret
    return 0


def driver_words(platform: str, device: str | None) -> str:
    """The driver a plan is for: the profile's, else the platform's (a browser: through any of three)."""
    if device:
        from harness.devices.profiles import load_profile

        profile = load_profile(device)
        browser = f", {profile.browser}" if profile.browser else ""
        return f"{profile.automation_name}{browser}"
    if platform in AUTOMATION_NAMES:
        return AUTOMATION_NAMES[platform]  # type: ignore[index]
    return "a browser: Chrome on Android, Safari on iOS, or Chromium here"


def _profile_secrets(args: argparse.Namespace) -> frozenset[str]:
    if not args.device:
        return frozenset()
    from harness.devices.profiles import load_profile

    return load_profile(args.device).secret_values
