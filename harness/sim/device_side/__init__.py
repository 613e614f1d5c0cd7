"""The device side of the simulated device: what the real Appium drivers talk to below themselves.

The direct mode (harness.sim.server) answers the W3C protocol itself; here the real UiAutomator2 and
XCUITest drivers run in a real Appium 3 server and the simulated device plays the *device*: a fake
Android SDK (adb) with a stand-in UiAutomator2 server, or a stand-in WebDriverAgent with usbmuxd,
lockdown and installation_proxy fakes. Every command then goes through the real driver's routing,
argument checks and rewriting, over the same simulated device model (see docs/devices.md).

    side = start_device_side(sim, workdir, journal, index=0)   # device_side.start; threads in this process
    appium_env.update(side.env); session_caps.update(side.capabilities)
    ...
    side.stop()
"""
