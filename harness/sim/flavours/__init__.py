"""The simulated device's flavours, one object per driver (docs/app-model.md, "The two flavours").

base.py        the Flavour interface every flavour implements
registry.py    the flavours by platform key (`SimServer(platform=...)`, `harness sim --platform`)
uiautomator2*  Android: the flavour object, its page source, its `mobile:` methods
xcuitest*      iOS: the same three parts

This package file imports nothing, so the low layers (runtime, session) can use base.py without
pulling in the flavours that are built on top of them.
"""
