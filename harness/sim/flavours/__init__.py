"""The simulated device's flavours, one object per driver (docs/app-model.md, "The two flavours").

base.py        the Flavour interface every flavour implements
registry.py    the flavours by platform key (`SimServer(platform=...)`, `harness sim --platform`)
uiautomator2*  Android: the flavour object (uiautomator2.py), its device (screen and reported facts,
               _device.py), its page source (_tree.py) and its `mobile:` methods (_methods.py)
xcuitest*      iOS: the same four parts

This package file imports nothing, so the low layers (runtime, session) can use base.py without
pulling in the flavours that are built on top of them.
"""
