"""One package per capability; `ccos/registry.py` lists them."""
