"""The iOS device side: a stand-in WebDriverAgent, and usbmuxd / lockdown / installation_proxy fakes."""
