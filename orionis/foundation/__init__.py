"""The application: container, configuration, providers and lifespan put together."""

from orionis.foundation.application import Application
from orionis.foundation.bridge import ServerBridge
from orionis.foundation.enums import LifecycleState, Lifespan, Runtime
from orionis.foundation.errors import BootError, FoundationError, SetupError
from orionis.foundation.helpers import app, config
from orionis.foundation.provider import ServiceProvider

__all__ = [
    "Application",
    "BootError",
    "FoundationError",
    "LifecycleState",
    "Lifespan",
    "Runtime",
    "ServerBridge",
    "ServiceProvider",
    "SetupError",
    "app",
    "config",
]
