"""Logging of the application."""

from orionis.config import env

level = env("LOG_LEVEL", "INFO")
