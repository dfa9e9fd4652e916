"""ccos: a command-line planner for people who build professional communities."""

__version__ = "0.1.0"
