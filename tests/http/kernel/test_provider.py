"""Boot-time preparation of the kernel: what stops boot, and what its messages say."""

from __future__ import annotations

import pytest

from orionis.http.errors import HttpSetupError, MiddlewareError
from tests.http.kernel.conftest import AppFactory


async def test_unresolvable_action_parameter_stops_boot(make_app: AppFactory) -> None:
    with pytest.raises(HttpSetupError) as caught:
        await make_app(web='Route.get("/broken", c.needs_unbound)\n')
    message = str(caught.value)
    assert message.startswith("Route '/broken' (")
    assert "routes/web.py:4) cannot be prepared:" in message
    assert "Unbindable" in message


async def test_unknown_middleware_in_global_stack_stops_boot(make_app: AppFactory) -> None:
    config = {"http": "middleware_aliases = {'trace': m.First}\nmiddleware = ['trcae']\n"}
    with pytest.raises(MiddlewareError) as caught:
        await make_app(web='Route.get("/", c.ok)\n', config=config)
    assert str(caught.value).startswith(
        "The global middleware stack (config/http.py middleware, app.with_middleware()): "
        "Unknown middleware 'trcae'. Did you mean 'trace'?"
    )


async def test_middleware_without_handle_stops_boot(make_app: AppFactory) -> None:
    with pytest.raises(MiddlewareError) as caught:
        await make_app(web='Route.get("/", c.ok).middleware(c.Greeter)\n')
    message = str(caught.value)
    assert message.startswith("Route '/' (")
    assert "must be a class with an async handle(self, request, next) method" in message


async def test_missing_route_file_stops_boot(make_app: AppFactory) -> None:
    with pytest.raises(Exception, match=r"Route file .*routes/api.py does not exist"):
        await make_app(
            web='Route.get("/", c.ok)\n', setup=lambda app: app.with_routing(api="routes/api.py")
        )


async def test_failing_route_file_is_named(make_app: AppFactory) -> None:
    with pytest.raises(HttpSetupError) as caught:
        await make_app(web='Route.get("/", c.ok)\nraise ValueError("typo in routes")\n')
    message = str(caught.value)
    assert message.startswith("Route file ")
    assert "routes/web.py failed while loading: ValueError: typo in routes." in message
