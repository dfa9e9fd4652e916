"""One module per noun; each registers its commands on the root app."""
