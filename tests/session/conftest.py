"""Fixtures of the session tests."""

from tests.support.redis_server import prefix, redis_url

__all__ = ["prefix", "redis_url"]
