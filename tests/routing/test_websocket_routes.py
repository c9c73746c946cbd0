"""``Route.websocket``: definition in groups, checks of its action, and the router keeping
WebSocket routes apart from HTTP ones."""

import pytest

from orionis.routing import Route, RouteCollection, RoutingError, UrlGenerator


async def echo(websocket: object) -> None:
    pass


async def page() -> str:
    return "page"


class Hooks:
    async def receive(self, websocket: object, message: str) -> None:
        pass


class Single:
    async def __call__(self, websocket: object) -> None:
        pass


class Feed:
    async def stream(self, websocket: object) -> None:
        pass


class Nothing:
    pass


@pytest.mark.parametrize("action", [echo, Hooks, Single, (Feed, "stream")])
def test_websocket_routes_take_their_kinds_of_action(
    collection: RouteCollection, action: object
) -> None:
    route = Route.websocket("/ws", action)
    assert collection.routes == (route,)
    assert route.websocket is True
    assert route.methods == ("WEBSOCKET",)
    assert route.compile().websocket is True


def test_a_class_without_hooks_or_call_is_refused(collection: RouteCollection) -> None:
    with pytest.raises(RoutingError) as caught:
        Route.websocket("/ws", Nothing)
    message = str(caught.value)
    assert f"WebSocket action Nothing at {__file__}:" in message
    assert "Give it async connect/receive/disconnect methods (a hook controller)" in message


def test_a_hook_controller_is_no_http_action(collection: RouteCollection) -> None:
    with pytest.raises(RoutingError, match="is a class without __call__"):
        Route.get("/hooks", Hooks)


@pytest.mark.parametrize("action", [42, (Feed, "missing")])
def test_what_is_no_websocket_action_is_refused(
    collection: RouteCollection, action: object
) -> None:
    with pytest.raises(RoutingError):
        Route.websocket("/ws", action)


def test_groups_give_prefix_name_and_middleware(collection: RouteCollection) -> None:
    with Route.group(prefix="/ws", name="ws.", middleware=["auth"]):
        route = Route.websocket("/chat/{room}", Hooks).name("chat").middleware("trace")
        route.where("room", r"[a-z]+").without_middleware("auth")
    compiled = route.compile()
    assert (compiled.path, compiled.name) == ("/ws/chat/{room}", "ws.chat")
    assert compiled.middleware == ("auth", "trace")
    assert compiled.without_middleware == ("auth",)
    router = collection.compile()
    assert router.find_websocket("/ws/chat/abc") == (router.by_name("ws.chat"), {"room": "abc"})
    assert router.find_websocket("/ws/chat/123") is None
    assert UrlGenerator(router).route("ws.chat", room="lobby") == "/ws/chat/lobby"


def test_the_router_keeps_websocket_and_http_routes_apart(collection: RouteCollection) -> None:
    Route.get("/chat", page)
    Route.websocket("/chat", echo)
    Route.websocket("/rooms/{id:int}", echo)
    router = collection.compile()
    http = router.find("GET", "/chat")
    socket = router.find_websocket("/chat/")
    assert http is not None and socket is not None
    assert (http[0].websocket, socket[0].websocket) == (False, True)
    assert router.find("GET", "/rooms/1") is None
    assert router.find("WEBSOCKET", "/chat") is None  # no HTTP method reaches a socket route
    assert router.find_websocket("/rooms/1") == (router.websockets[1], {"id": 1})
    assert router.find_websocket("/rooms/x") is None
    assert router.allowed_methods("/chat") == ("GET", "HEAD", "OPTIONS")
    assert router.allowed_methods("/rooms/1") == ()
    assert [route.path for route in router.websockets] == ["/chat", "/rooms/{id:int}"]
    assert len(router.routes) == 3


def test_two_websocket_routes_on_one_path_conflict(collection: RouteCollection) -> None:
    Route.websocket("/ws/{a}", echo)
    Route.websocket("/ws/{b}", echo)
    with pytest.raises(
        RoutingError, match=r"Routes conflict: WEBSOCKET /ws/\{a\} at .* and WEBSOCKET"
    ):
        collection.compile()


def test_websocket_route_names_are_unique_with_http_ones(collection: RouteCollection) -> None:
    Route.get("/chat", page).name("chat")
    Route.websocket("/ws/chat", echo).name("chat")
    with pytest.raises(RoutingError, match="Route name 'chat' is used twice"):
        collection.compile()
