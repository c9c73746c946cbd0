import sys

import pytest

from orionis.routing import Route, RouteCollection, RoutingError
from orionis.routing.resource import singular


class PhotoController:
    def index(self) -> None: ...
    def create(self) -> None: ...
    def store(self) -> None: ...
    def show(self) -> None: ...
    def edit(self) -> None: ...
    def update(self) -> None: ...
    def destroy(self) -> None: ...


class ReadOnlyController:
    def index(self) -> None: ...
    def show(self) -> None: ...


def table(collection: RouteCollection) -> list[tuple[str, str, str | None, object]]:
    rows: list[tuple[str, str, str | None, object]] = []
    for route in collection.compile().routes:
        rows.append(("|".join(route.methods), route.path, route.name, route.action))
    return rows


def test_resource_registers_laravels_seven_routes(collection: RouteCollection) -> None:
    Route.resource("photos", PhotoController)
    c = PhotoController
    assert table(collection) == [
        ("GET|HEAD", "/photos", "photos.index", (c, "index")),
        ("GET|HEAD", "/photos/create", "photos.create", (c, "create")),
        ("POST", "/photos", "photos.store", (c, "store")),
        ("GET|HEAD", "/photos/{photo}", "photos.show", (c, "show")),
        ("GET|HEAD", "/photos/{photo}/edit", "photos.edit", (c, "edit")),
        ("PUT|PATCH", "/photos/{photo}", "photos.update", (c, "update")),
        ("DELETE", "/photos/{photo}", "photos.destroy", (c, "destroy")),
    ]


def test_api_resource_omits_create_and_edit(collection: RouteCollection) -> None:
    Route.api_resource("posts", PhotoController, except_=["destroy"])
    assert [name for _, _, name, _ in table(collection)] == [
        "posts.index",
        "posts.store",
        "posts.show",
        "posts.update",
    ]


def test_only_registers_just_those_and_needs_only_their_methods(
    collection: RouteCollection,
) -> None:
    Route.resource("photos", ReadOnlyController, only=["index", "show"])
    assert [name for _, _, name, _ in table(collection)] == ["photos.index", "photos.show"]


def test_missing_controller_method_raises_at_the_resource_line(
    collection: RouteCollection,
) -> None:
    with pytest.raises(RoutingError) as caught:
        Route.resource("photos", ReadOnlyController)
    line = sys._getframe().f_lineno - 1
    message = str(caught.value)
    assert f"at {__file__}:{line}: ReadOnlyController has no method 'create'" in message


def test_unknown_action_name_suggests(collection: RouteCollection) -> None:
    with pytest.raises(RoutingError) as caught:
        Route.resource("photos", PhotoController, only=["indx"])
    assert "unknown action 'indx'. Did you mean 'index'?" in str(caught.value)
    with pytest.raises(RoutingError, match=r"unknown action 'edit'\..*index, store, show"):
        Route.api_resource("photos", PhotoController, only=["edit"])


def test_parameter_names(collection: RouteCollection) -> None:
    Route.resource("categories", PhotoController, only=["show"])
    Route.resource("photos", PhotoController, only=["show"], parameters={"photos": "id"})
    assert [path for _, path, _, _ in table(collection)] == [
        "/categories/{category}",
        "/photos/{id}",
    ]


def test_nested_resource(collection: RouteCollection) -> None:
    Route.resource("photos.comments", PhotoController, only=["index", "show"])
    assert [(path, name) for _, path, name, _ in table(collection)] == [
        ("/photos/{photo}/comments", "photos.comments.index"),
        ("/photos/{photo}/comments/{comment}", "photos.comments.show"),
    ]


def test_resource_in_a_group_and_names_override(collection: RouteCollection) -> None:
    with Route.group(prefix="/admin", name="admin.", middleware=["auth"]):
        Route.resource("photos", PhotoController, only=["index"], names={"index": "gallery"})
    router = collection.compile()
    route = router.by_name("admin.gallery")
    assert (route.path, route.middleware) == ("/admin/photos", ("auth",))


def test_registration_fluent_setters_apply_to_all(collection: RouteCollection) -> None:
    registration = Route.resource("photos", PhotoController, only=["index", "show"])
    assert registration.middleware("auth").without_middleware("csrf") is registration
    registration.where("photo", "[0-9]+")
    index, show = (route.compile() for route in registration.routes)
    assert index.middleware == show.middleware == ("auth",)
    assert index.without_middleware == ("csrf",)
    assert (index.wheres, show.wheres) == ({}, {"photo": "[0-9]+"})
    with pytest.raises(RoutingError, match="names 'id', which is not one of its parameters"):
        registration.where({"id": "[0-9]+"})


@pytest.mark.parametrize(
    ("plural", "expected"),
    [
        ("photos", "photo"),
        ("categories", "category"),
        ("boxes", "box"),
        ("classes", "class"),
        ("dishes", "dish"),
        ("matches", "match"),
        ("news", "new"),
        ("address", "address"),
        ("sheep", "sheep"),
    ],
)
def test_singular(plural: str, expected: str) -> None:
    assert singular(plural) == expected
