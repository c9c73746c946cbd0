"""Fixtures of the rate limiter tests: the cache tests' clock and stores."""

from tests.cache.conftest import cache, clock, driver, prefix, redis_url, store

__all__ = ["cache", "clock", "driver", "prefix", "redis_url", "store"]
