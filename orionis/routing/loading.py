"""`load_routes`: run a route file with a collection current."""

import runpy
from collections.abc import Iterable
from pathlib import Path

from orionis.routing.collection import RouteCollection
from orionis.routing.compiler import Middleware
from orionis.routing.errors import RoutingError
from orionis.routing.registrar import Route

__all__ = ["load_routes"]


def load_routes(
    collection: RouteCollection,
    path: Path,
    *,
    prefix: str = "",
    middleware: Iterable[Middleware] = (),
    name: str = "",
) -> None:
    """Execute the route file at ``path``, adding its routes to ``collection``.

    The file runs anew on every call (``runpy``, not ``import``), so each application that
    loads it gets its own routes. ``prefix``, ``middleware`` and ``name`` wrap all of them,
    e.g. ``prefix="/api", middleware=["api"]`` for ``routes/api.py``.
    """
    if not path.is_file():
        raise RoutingError(
            f"Route file {path} does not exist. Create it, or remove it from app.with_routing()."
        )
    with Route.collecting(collection, prefix=prefix, middleware=tuple(middleware), name=name):
        runpy.run_path(str(path), run_name=f"orionis.routes.{path.stem}")
