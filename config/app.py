"""The application's identity, environment and providers."""

from app.providers.app_service_provider import AppServiceProvider
from orionis.config import env

# APP_ENV is read by the Application itself: config("app.env") holds it.
name = env("APP_NAME", "Orionis")
debug = env("APP_DEBUG", False)
url = env("APP_URL", "http://127.0.0.1:8000")
key = env("APP_KEY", "")
# Keys used before APP_KEY (comma-separated): what they encrypted still decrypts.
previous_keys = [k for k in env("APP_PREVIOUS_KEYS", "").split(",") if k.strip()]
timezone = env("APP_TIMEZONE", "UTC")
locale = env("APP_LOCALE", "en")

# Service providers, registered in this order after the framework's own.
providers = [AppServiceProvider]

# Lifespan callbacks for every runtime; bootstrap/app.py can add more with app.on().
startup: list = []
shutdown: list = []
