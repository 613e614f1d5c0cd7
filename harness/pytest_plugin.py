"""pytest plugin (entry point `pytest11`): collects scenario files as test items."""
