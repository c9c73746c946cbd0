"""Sessions: where they live and how their cookie is written."""

from orionis.config import env

# cookie (in the encrypted cookie), file (storage/framework/sessions), memory (tests) or redis.
driver = env("SESSION_DRIVER", "file")

# Minutes of inactivity before a session expires; expire_on_close ends it with the browser.
lifetime = env("SESSION_LIFETIME", 120)
expire_on_close = env("SESSION_EXPIRE_ON_CLOSE", False)

# Where the file driver keeps sessions, relative to the project root.
files = "storage/framework/sessions"

# The redis driver's server and key prefix.
redis_url = env("REDIS_URL", "redis://127.0.0.1:6379/0")
prefix = "orionis_session:"

# The session cookie.
cookie = env("SESSION_COOKIE", "orionis_session")
path = "/"
domain = env("SESSION_DOMAIN", None)
secure = env("SESSION_SECURE_COOKIE", False)
http_only = True
same_site = "lax"
