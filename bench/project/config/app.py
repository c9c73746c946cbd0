"""The bench project's settings: production, no debug, one provider of its own."""

from app.providers.bench_service_provider import BenchServiceProvider
from orionis.config import env

name = env("APP_NAME", "Orionis Bench")
debug = env("APP_DEBUG", False)
# The harness gives the server a throwaway key when none is set (bench/harness/server.py).
key = env("APP_KEY", "")
providers = [BenchServiceProvider]
