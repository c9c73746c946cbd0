"""Configuration: ``env()`` casting, ``.env`` loading, ``config/*.py`` sections and validation.

``from orionis.config import env`` is what a config file needs; the rest is what the
application uses at boot.
"""

from orionis.config.current import config, current_repository, use_repository
from orionis.config.env import EnvRead, env, load_environment, unload_environment
from orionis.config.errors import ConfigError, ConfigKeyError
from orionis.config.loader import config_files, load_config
from orionis.config.repository import Repository
from orionis.config.sections import (
    SECTIONS,
    AppConfig,
    HttpConfig,
    LoggingConfig,
    SessionConfig,
    ViewConfig,
)
from orionis.config.validation import apply_defaults_and_validate
from orionis.support.callable_module import make_module_callable

__all__ = [
    "SECTIONS",
    "AppConfig",
    "ConfigError",
    "ConfigKeyError",
    "EnvRead",
    "HttpConfig",
    "LoggingConfig",
    "Repository",
    "SessionConfig",
    "ViewConfig",
    "apply_defaults_and_validate",
    "config",
    "config_files",
    "current_repository",
    "env",
    "load_config",
    "load_environment",
    "unload_environment",
    "use_repository",
]

# ``from orionis import config`` gives this package; calling it reads the current configuration.
make_module_callable(__name__, config)
