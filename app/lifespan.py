"""Lifespan callbacks of the application, registered in bootstrap/app.py."""

import logging

from app.services.greeter import Greeter

log = logging.getLogger("app")


def announce_startup(greeter: Greeter) -> None:
    """Log once the application booted; parameters are injected by the container."""
    log.info("%s is ready", greeter.app_name)


async def announce_shutdown() -> None:
    """Log when the server stops; async callbacks are awaited."""
    log.info("shutting down")
