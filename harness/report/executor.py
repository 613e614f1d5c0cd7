"""executor.json content from CI variables: the report then links back to the build that produced it.

Fields are the ones Allure reads from executor.json (name, type, url, buildOrder, buildName, buildUrl,
reportName, reportUrl); `buildOrder` must be an integer, so it is left out when the CI gives none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def executor_from_env(env: Mapping[str, str], report_name: str | None = None) -> dict[str, Any] | None:
    """The executor of this run (GitHub Actions, GitLab CI, Jenkins), or None outside CI."""
    for detect in (_github, _gitlab, _jenkins):
        info = detect(env)
        if info is not None:
            if report_name:
                info["reportName"] = report_name
            if env.get("HARNESS_REPORT_URL"):
                info["reportUrl"] = env["HARNESS_REPORT_URL"]
            return {key: value for key, value in info.items() if value not in (None, "")}
    return None


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _github(env: Mapping[str, str]) -> dict[str, Any] | None:
    if env.get("GITHUB_ACTIONS") != "true" and not env.get("GITHUB_RUN_ID"):
        return None
    server = env.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    repo = env.get("GITHUB_REPOSITORY", "")
    run_id = env.get("GITHUB_RUN_ID", "")
    number = env.get("GITHUB_RUN_NUMBER", "")
    workflow = env.get("GITHUB_WORKFLOW", "")
    attempt = env.get("GITHUB_RUN_ATTEMPT", "")
    name = f"{workflow} #{number}" if workflow and number else workflow or number
    if attempt and attempt != "1":
        name = f"{name} (attempt {attempt})"
    return {
        "name": "GitHub Actions",
        "type": "github",
        "url": f"{server}/{repo}" if repo else server,
        "buildOrder": _int_or_none(number),
        "buildName": name,
        "buildUrl": f"{server}/{repo}/actions/runs/{run_id}" if repo and run_id else "",
    }


def _gitlab(env: Mapping[str, str]) -> dict[str, Any] | None:
    if env.get("GITLAB_CI") != "true" and not env.get("CI_PIPELINE_ID"):
        return None
    project = env.get("CI_PROJECT_PATH") or env.get("CI_PROJECT_NAME", "")
    iid = env.get("CI_PIPELINE_IID") or env.get("CI_PIPELINE_ID", "")
    job = env.get("CI_JOB_NAME", "")
    name = f"{project} pipeline #{iid}" if project else f"pipeline #{iid}"
    return {
        "name": "GitLab CI",
        "type": "gitlab",
        "url": env.get("CI_PROJECT_URL", ""),
        "buildOrder": _int_or_none(iid),
        "buildName": f"{name} ({job})" if job else name,
        "buildUrl": env.get("CI_PIPELINE_URL") or env.get("CI_JOB_URL", ""),
    }


def _jenkins(env: Mapping[str, str]) -> dict[str, Any] | None:
    if not env.get("JENKINS_URL") and not env.get("BUILD_URL"):
        return None
    number = env.get("BUILD_NUMBER", "")
    job = env.get("JOB_NAME", "")
    return {
        "name": "Jenkins",
        "type": "jenkins",
        "url": env.get("JENKINS_URL", ""),
        "buildOrder": _int_or_none(number),
        "buildName": " #".join(part for part in (job, number) if part),
        "buildUrl": env.get("BUILD_URL", ""),
    }
