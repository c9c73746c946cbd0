"""The cache: where cached values and rate-limit counters (the `throttle` middleware) live."""

from orionis.config import env

# memory (this worker process only) or redis (shared by every worker and machine: use it for
# rate limits when the server runs several workers).
driver = env("CACHE_DRIVER", "memory")

# The redis driver's server (the sessions' REDIS_URL unless set apart) and key prefix.
redis_url = env("CACHE_REDIS_URL", env("REDIS_URL", "redis://127.0.0.1:6379/0"))
prefix = env("CACHE_PREFIX", "orionis_cache:")
