"""Fixtures for the routing tests: a fresh collection made current, as a route file sees it."""

from collections.abc import Iterator

import pytest

from orionis.routing import Route, RouteCollection


@pytest.fixture
def collection() -> Iterator[RouteCollection]:
    routes = RouteCollection()
    with Route.collecting(routes):
        yield routes
