# Two entry points for a newcomer: `make run` (the Netflix scenarios through the real Appium 3 server and
# drivers on simulated Android and iOS devices, the website's scenarios in headless Chromium through
# Appium's Chromium driver, then the Allure report) and `make test` (the whole suite). Both set up
# everything first. `make run DEVICES="--device sim-android --device sim-ios"` skips Appium and the browser.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEVICES ?= --device appium-sim-android --device appium-sim-ios --device web-chromium

.PHONY: setup python-deps node-deps system-deps test run report-single lint clean

setup: system-deps python-deps node-deps

# Debian packages: Chromium and chromedriver run the web scenarios and look at the Allure report.
system-deps:
	@./scripts/install-system-deps.sh

python-deps: $(BIN)/.installed
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

# Appium 3, its drivers, the Allure 3 CLI and the Selenium Grid jar, pinned by package-lock.json, installed
# into the project. The Chromium driver uses Debian's chromedriver (system-deps), never a downloaded one.
# A node_modules that already holds what package.json pins (a fresh clone's, linked to another checkout's)
# is left as it is: `npm ci` runs only when a pinned package is missing or of another version.
node-deps: node_modules/.installed
node_modules/.installed: package.json package-lock.json $(BIN)/.installed
	@if $(BIN)/python -m harness.devices.doctor_node 2>/dev/null; then \
	  echo "node_modules holds what package.json pins: no npm ci"; \
	else \
	  APPIUM_SKIP_CHROMEDRIVER_INSTALL=1 npm ci --no-audit --no-fund && touch $@; \
	fi

test: setup
	$(BIN)/ruff check .
	$(BIN)/pytest

run: setup
	$(BIN)/harness run scenarios/netflix $(DEVICES) --alluredir allure-results
	$(BIN)/harness report --results allure-results --output allure-report
	@echo "Report written: allure-report/index.html (it loads its data over HTTP: view it with" \
	      "'$(BIN)/harness report --open', or 'make report-single' for one file to open directly)"

report-single: python-deps
	$(BIN)/harness report --results allure-results --output allure-report-single --single-file

lint: python-deps
	$(BIN)/ruff check .
	$(BIN)/harness lint scenarios/

clean:
	rm -rf allure-results allure-report artifacts
