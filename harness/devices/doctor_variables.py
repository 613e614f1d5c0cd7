"""Doctor check of the variables the scenarios read (`${NAME}` in their env:), without their values.

A variable is there when the environment sets it, when the device profile's env: gives it, or when the
reference has a default (`${NAME:-x}`). Values are never printed, secret or not: the check says where
the value comes from, and for a secret only that it is set.
"""

from __future__ import annotations

from harness.devices.doctor_checks import CheckRun, VariableNeed


def variable_checks(d: CheckRun) -> None:
    by_name: dict[str, list[VariableNeed]] = {}
    for need in d.needs:
        by_name.setdefault(need.name, []).append(need)
    profile_env = dict(getattr(d.profile, "env", None) or {})
    site = getattr(d.profile, "site", None)
    # a served site's values win; with its variable set, the environment names the site and gives the rest
    from_site = {site.variable, *site.account.values()} if site and not d.host.environ.get(site.variable) \
        else set()
    for name, needs in sorted(by_name.items()):
        secret = any(n.secret for n in needs)
        kind = "secret, " if secret else ""
        readers = sorted({n.used_by for n in needs})
        shown = ", ".join(readers[:3]) + (f" and {len(readers) - 3} more" if len(readers) > 3 else "")
        if name in from_site:
            d.add(name, True, "given by the site the device profile serves (site:): its stand-in's")
        elif d.host.environ.get(name):
            d.add(name, True, f"set in the environment ({kind}value not shown)")
        elif profile_env.get(name):
            d.add(name, True, f"given by the device profile's env: ({kind}value not shown)")
        elif all(n.default is not None for n in needs):
            d.add(name, True, f"not set: the scenarios' default is used ({shown})")
        else:
            hint = f"read -rs {name} && export {name}" if secret else f"export {name}=..."
            d.add(name, False, f"not set, read by {shown}{' (a secret)' if secret else ''}",
                  f"{hint}   (or give it under env: in the device profile)")
