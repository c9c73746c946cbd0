"""Broadcasting: how a message sent to a channel reaches its subscribers (WebSocket clients)."""

from orionis.config import env

# memory (one worker process) or redis (every worker and machine sharing one Redis server).
driver = env("BROADCAST_DRIVER", "memory")

# The redis driver's server (the sessions' REDIS_URL unless set apart) and channel prefix.
redis_url = env("BROADCAST_REDIS_URL", env("REDIS_URL", "redis://127.0.0.1:6379/0"))
prefix = "orionis_broadcast:"

# Seconds one subscriber may take to accept a message; a slower one is dropped from its channels.
send_timeout = env("BROADCAST_SEND_TIMEOUT", 5.0)
