"""The HTTP kernel: middleware stacks and request limits."""

# Global middleware: runs on every request, outermost first.
middleware: list = []

# Groups: `web` routes (routes/web.py) get the web group, `api` routes (routes/api.py) the api
# group. Entries are aliases (optionally with parameters after a colon), groups or classes.
middleware_groups: dict = {
    "web": ["cookies", "session", "csrf"],
    "api": [],
}

# Short names for middleware classes, usable in groups and in Route...middleware("name").
middleware_aliases: dict = {}

# Middleware that must run in this order relative to each other, whatever the route says.
middleware_priority: list = []

# Cookies the `cookies` middleware leaves unencrypted, and paths the `csrf` middleware skips
# (fnmatch patterns such as "/webhooks/*").
encrypt_cookies_except: list = []
csrf_except: list = []

# Largest request body accepted, in bytes; a larger one is answered with 413.
max_body_size = 10 * 1024 * 1024
