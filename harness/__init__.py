"""Mobile UI test harness: YAML scenarios -> Appium commands -> pytest + Allure."""

__version__ = "0.1.0"
