"""The Android device side: a fake SDK whose adb plays the phone, and a stand-in UiAutomator2 server."""
