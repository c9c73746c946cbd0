"""The HTTP kernel: middleware stacks and request limits."""

from orionis.config import env

# Global middleware: runs on every request, outermost first. `trust_proxies` applies a trusted
# proxy's X-Forwarded-* headers; `trust_hosts` then answers 400 for a malformed Host or one not
# in `trusted_hosts` (below), before routing.
middleware: list = ["trust_proxies", "trust_hosts"]

# Groups: `web` routes (routes/web.py) get the web group, `api` routes (routes/api.py) the api
# group. Entries are aliases (optionally with parameters after a colon), groups or classes.
# "throttle:60,1" lets each client make 60 requests a minute to each API route (429 after).
middleware_groups: dict = {
    "web": ["cookies", "session", "csrf"],
    "api": ["throttle:60,1"],
}

# Short names for middleware classes, usable in groups and in Route...middleware("name").
middleware_aliases: dict = {}

# Middleware that must run in this order relative to each other, whatever the route says.
middleware_priority: list = []

# Cookies the `cookies` middleware leaves unencrypted, and paths the `csrf` middleware skips
# (fnmatch patterns such as "/webhooks/*").
encrypt_cookies_except: list = []
csrf_except: list = []

# Largest request body accepted, in bytes; a larger one is answered with 413 as soon as its
# Content-Length (or, for a chunked body, the bytes received) passes it.
max_body_size = 10 * 1024 * 1024

# Seconds a request body may take to arrive, in total, once the application reads it; a slower
# one is answered 408 and its connection closed. A total deadline, not a pause between chunks:
# a client dripping a byte a second is cut off too. 30 s lets a 10 MiB body arrive at ~350 KB/s;
# raise it with max_body_size for large uploads over slow links. 0 = no deadline.
body_read_timeout = env("HTTP_BODY_READ_TIMEOUT", 30.0)

# Form limits (413 past each, naming the setting). Parts of one multipart body (files
# included), files among them, bytes of one non-file field, and name=value pairs of one
# urlencoded body (PHP's max_input_vars is also 1000).
max_form_parts = 1000
max_form_files = 100
max_form_field_size = 1024 * 1024
max_form_pairs = 1000

# Requests handled at once by one worker process; the next one is answered 503 with
# Retry-After at once instead of waiting in a queue. 0 = no cap.
max_concurrent_requests = env("HTTP_MAX_CONCURRENT_REQUESTS", 0)

# Cancel a handler whose client disconnected while it ran, so that its `finally` blocks run and
# its concurrency slot is released at once (Granian itself lets it run to the end). Off by
# default: watching every request for its disconnect costs a few µs each.
cancel_on_disconnect = env("HTTP_CANCEL_ON_DISCONNECT", False)

# Host names this application answers to (the `trust_hosts` middleware): "example.com" exactly,
# "*.example.com" for its subdomains (list both for both), "*" for any. Comma-separated in
# TRUSTED_HOSTS. Empty: any well-formed host, except in production, where APP_URL's host is
# the only one. URLs the application builds use the checked host.
trusted_hosts = [host.strip() for host in str(env("TRUSTED_HOSTS", "")).split(",") if host.strip()]

# Proxies whose X-Forwarded-* headers are believed (the `trust_proxies` middleware): IPs or CIDR
# networks such as "10.0.0.0/8", or "*" for whichever proxy connects directly (only when the
# app cannot be reached except through it). Comma-separated in TRUSTED_PROXIES. Empty: none;
# the headers are then ignored. From a trusted proxy, request.ip() is the right-most
# X-Forwarded-For address that is not itself a trusted proxy.
trusted_proxies = [
    proxy.strip() for proxy in str(env("TRUSTED_PROXIES", "")).split(",") if proxy.strip()
]

# Which forwarded headers a trusted proxy may set: any of x-forwarded-for (client address),
# x-forwarded-proto (scheme), x-forwarded-host and x-forwarded-port.
trusted_headers = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"]
