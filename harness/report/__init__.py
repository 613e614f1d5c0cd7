"""Allure glue: run-level files in allure-results, and HTML reports with the pinned Allure 3 CLI.

- allure_files: environment.properties, categories.json, executor.json (written once per run)
- generate / publish / quality_gate: `harness report` and its static site for GitHub Pages
"""
