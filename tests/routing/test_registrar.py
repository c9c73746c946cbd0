import sys

import pytest

from orionis.routing import (
    RedirectAction,
    Route,
    RouteCollection,
    RoutingError,
    ViewAction,
)
from orionis.support.errors import OrionisError


def handler() -> None:
    pass


def here() -> str:
    """file:line of the line before the caller's current line."""
    frame = sys._getframe(1)
    return f"{__file__}:{frame.f_lineno - 1}"


@pytest.mark.parametrize(
    ("verb", "methods"),
    [
        (Route.get, ("GET", "HEAD")),
        (Route.post, ("POST",)),
        (Route.put, ("PUT",)),
        (Route.patch, ("PATCH",)),
        (Route.delete, ("DELETE",)),
        (Route.options, ("OPTIONS",)),
        (Route.any, ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")),
    ],
)
def test_verbs_add_routes_with_their_methods(
    collection: RouteCollection, verb: object, methods: tuple[str, ...]
) -> None:
    route = verb("/x", handler)  # type: ignore[operator]
    assert collection.routes == (route,)
    assert route.methods == methods
    assert route.action is handler


def test_match_uppercases_and_adds_head_to_get(collection: RouteCollection) -> None:
    assert Route.match(["get", "post"], "/search", handler).methods == ("GET", "POST", "HEAD")
    assert Route.match(["HEAD"], "/head", handler).methods == ("HEAD",)


@pytest.mark.parametrize("methods", [[], ["GE T"], ["GET", "1"]])
def test_match_rejects_invalid_methods(collection: RouteCollection, methods: list[str]) -> None:
    with pytest.raises(RoutingError) as caught:
        Route.match(methods, "/x", handler)
    assert f"{__file__}:" in str(caught.value)
    assert "invalid HTTP methods" in str(caught.value)


def test_route_records_the_file_and_line_of_its_definition(collection: RouteCollection) -> None:
    route = Route.get("/", handler)
    assert route.location == here()


def test_outside_a_route_file_raises() -> None:
    with pytest.raises(RoutingError) as caught:
        Route.get("/", handler)
    message = str(caught.value)
    assert message.startswith("Route.get() was called outside a route file.")
    assert "app.with_routing" in message
    assert "Route.collecting(collection)" in message


def test_group_outside_a_route_file_names_group() -> None:
    with pytest.raises(RoutingError, match=r"Route.group\(\) was called outside a route file"):
        Route.group(prefix="/x")


def test_collecting_restores_the_previous_collection() -> None:
    outer, inner = RouteCollection(), RouteCollection()
    with Route.collecting(outer):
        with Route.collecting(inner):
            Route.get("/inner", handler)
        Route.get("/outer", handler)
    assert [r.path for r in inner.routes] == ["/inner"]
    assert [r.path for r in outer.routes] == ["/outer"]
    with pytest.raises(RoutingError):
        Route.get("/after", handler)


def test_collecting_applies_prefix_middleware_and_name() -> None:
    routes = RouteCollection()
    with Route.collecting(routes, prefix="/api", middleware=["api"], name="api."):
        Route.get("/users", handler).name("users")
    compiled = routes.routes[0].compile()
    assert (compiled.path, compiled.name, compiled.middleware) == (
        "/api/users",
        "api.users",
        ("api",),
    )


def test_nested_groups(collection: RouteCollection) -> None:
    with Route.group(prefix="/admin", name="admin.", middleware=["auth"]):
        shown = Route.get("/users/{id:int}", handler).name("users.show").middleware("log")
        with Route.group(
            prefix="users", name="users.", middleware="audit", without_middleware=["csrf"]
        ):
            updated = Route.put("/{id:int}", handler).name("update").without_middleware("x")
    after = Route.get("/after", handler).name("after")
    show, update, plain = shown.compile(), updated.compile(), after.compile()
    assert (show.path, show.name) == ("/admin/users/{id:int}", "admin.users.show")
    assert show.middleware == ("auth", "log")
    assert show.without_middleware == ()
    assert (update.path, update.name) == ("/admin/users/{id:int}", "admin.users.update")
    assert update.middleware == ("auth", "audit")
    assert update.without_middleware == ("csrf", "x")
    assert (plain.path, plain.name, plain.middleware) == ("/after", "after", ())


def test_group_is_closed_even_when_the_block_raises(collection: RouteCollection) -> None:
    with pytest.raises(KeyError), Route.group(prefix="/admin"):
        raise KeyError("boom")
    assert Route.get("/x", handler).path == "/x"


def test_view_and_redirect_store_special_actions(collection: RouteCollection) -> None:
    view = Route.view("/about", "pages.about", {"title": "About"})
    moved = Route.redirect("/old", "/new", 301)
    temporary = Route.redirect("/tmp", "/elsewhere")
    permanent = Route.permanent_redirect("/gone", "/here")
    assert view.action == ViewAction("pages.about", {"title": "About"})
    assert view.methods == ("GET", "HEAD")
    assert moved.action == RedirectAction("/new", 301)
    assert "POST" in moved.methods
    assert temporary.action == RedirectAction("/elsewhere", 302)
    assert permanent.action == RedirectAction("/here", 301)


def test_bad_action_names_the_route_file_line(collection: RouteCollection) -> None:
    class UserController:
        def update(self) -> None: ...

    with pytest.raises(RoutingError) as caught:
        Route.put("/users/{id}", (UserController, "updat"))
    assert f"at {here()}: UserController has no method 'updat'" in str(caught.value)
    assert "Did you mean 'update'?" in str(caught.value)


def test_fallback_is_kept_apart_and_only_once(collection: RouteCollection) -> None:
    fallback = Route.fallback(handler).middleware("web")
    first = here()
    assert collection.routes == ()
    assert collection.compile().fallback is not None
    with pytest.raises(RoutingError) as caught:
        Route.fallback(handler)
    second = here()
    assert f"defined twice: at {first} and at {second}" in str(caught.value)
    assert fallback.compile().middleware == ("web",)


def test_converter_registers_a_type_for_later_routes(collection: RouteCollection) -> None:
    Route.converter("year", "[0-9]{4}", int)
    Route.get("/archive/{y:year}", handler)
    match = collection.compile().match("GET", "/archive/2024")
    assert match is not None
    assert match.params == {"y": 2024}


def test_routing_error_is_an_orionis_error() -> None:
    assert issubclass(RoutingError, OrionisError)
