"""counter_app: the front-counter system of a mobile operator's business hall."""

__version__ = "0.1.0"
APP_NAME = "counter_app"
