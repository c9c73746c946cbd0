"""Templates."""

from orionis.config import env

# Folders searched for templates, relative to the project root.
paths = ["resources/views"]

# Keep compiled templates in memory; off in local so that edits show at once.
cache = env("APP_ENV", "production") != "local"
