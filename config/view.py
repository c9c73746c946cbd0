"""Templates."""

from orionis.config import env

# Folders searched for templates, relative to the project root.
paths = ["resources/views"]

# Keep compiled templates in memory; off in local so that edits show at once.
cache = env("APP_ENV", "production") != "local"

# A template whose renders take longer than this three times in a row is rendered in a worker
# thread from then on, so that long pages never stall the event loop.
offload_after_ms = 5.0
