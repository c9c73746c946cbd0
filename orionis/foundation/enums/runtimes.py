"""The runtimes an application boots for."""

from enum import Enum

__all__ = ["Runtime"]


class Runtime(Enum):
    """What the process is doing: serving HTTP requests or running a console command."""

    HTTP = "http"
    CLI = "cli"
