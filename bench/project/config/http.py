"""No middleware: the scenarios measure the kernel, router, container and responses."""

middleware: list = []
middleware_groups: dict = {"web": [], "api": []}
