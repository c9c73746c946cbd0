"""Fixtures of the broadcasting tests: the Redis of tests/support/redis_server.py."""

from tests.support.redis_server import prefix, redis_url

__all__ = ["prefix", "redis_url"]
