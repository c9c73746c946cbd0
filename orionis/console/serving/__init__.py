"""What ``reactor serve`` builds on: the Granian command line, its defaults, the public files.

``plan_serve(options, ...)`` decides everything before the server starts (and fails early
with `ServeError`); ``run(plan)`` replaces the process with Granian. `PublicFiles` is the
application wrapper the workers serve when a public folder exists.
"""

from orionis.console.serving.errors import ServeError
from orionis.console.serving.limits import backpressure, raise_open_files_limit
from orionis.console.serving.options import ServeOptions, granian_args
from orionis.console.serving.plan import ServePlan, plan_serve
from orionis.console.serving.public_files import PublicFiles
from orionis.console.serving.runner import run, server_environment
from orionis.console.serving.static import StaticFiles, static_files

__all__ = [
    "PublicFiles",
    "ServeError",
    "ServeOptions",
    "ServePlan",
    "StaticFiles",
    "backpressure",
    "granian_args",
    "plan_serve",
    "raise_open_files_limit",
    "run",
    "server_environment",
    "static_files",
]
