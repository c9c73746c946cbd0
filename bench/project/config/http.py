"""The real `web` group for GET /web (routes/web.py); none for the other scenarios.

The other scenarios (routes/api.py, loaded with no prefix) measure the kernel, router,
container and responses, so their `api` group is empty and there is no global middleware.
"""

middleware: list = []
middleware_groups: dict = {"web": ["cookies", "session", "csrf"], "api": []}
