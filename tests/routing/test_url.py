import uuid

import pytest

from orionis.routing import Route, RouteCollection, RoutingError, UrlGenerator


def handler() -> None:
    pass


@pytest.fixture
def urls(collection: RouteCollection) -> UrlGenerator:
    Route.get("/", handler).name("home")
    Route.get("/users/{id:int}", handler).name("users.show")
    Route.get("/posts/{slug}/comments/{comment:int}", handler).name("comments.show")
    Route.get("/archive/{year:int}/{month?}", handler).name("archive")
    Route.get("/files/{rest:path}", handler).name("files")
    Route.get("/things/{id:uuid}", handler).name("things.show")
    Route.get("/tags/{tag}", handler).name("tags.show").where("tag", "[a-z]+")
    return UrlGenerator(collection.compile(), "https://example.com/")


def test_static_and_params(urls: UrlGenerator) -> None:
    assert urls.route("home") == "/"
    assert urls.route("users.show", id=5) == "/users/5"
    assert urls.route("comments.show", slug="hello", comment=3) == "/posts/hello/comments/3"


def test_parameters_mapping_and_keywords_merge(urls: UrlGenerator) -> None:
    assert urls.route("comments.show", {"slug": "a", "comment": 1}, comment=2) == (
        "/posts/a/comments/2"
    )


def test_url_for_is_an_alias(urls: UrlGenerator) -> None:
    assert urls.url_for("users.show", id=1) == urls.route("users.show", id=1)


def test_segment_values_are_percent_encoded(urls: UrlGenerator) -> None:
    assert urls.route("comments.show", slug="a b/c?d", comment=1) == (
        "/posts/a%20b%2Fc%3Fd/comments/1"
    )


def test_path_params_keep_slashes(urls: UrlGenerator) -> None:
    assert urls.route("files", rest="docs/read me.txt") == "/files/docs/read%20me.txt"


def test_uuid_value(urls: UrlGenerator) -> None:
    value = uuid.uuid4()
    assert urls.route("things.show", id=value) == f"/things/{value}"


def test_extras_become_query_in_given_order(urls: UrlGenerator) -> None:
    assert urls.route("users.show", id=1, tab="posts", q="a&b", page=2) == (
        "/users/1?tab=posts&q=a%26b&page=2"
    )
    assert urls.route("home", ids=[1, 2]) == "/?ids=1&ids=2"


def test_optional_param_omitted_when_absent(urls: UrlGenerator) -> None:
    assert urls.route("archive", year=2024) == "/archive/2024"
    assert urls.route("archive", year=2024, month=None) == "/archive/2024"
    assert urls.route("archive", year=2024, month="05") == "/archive/2024/05"


def test_absolute_prefixes_base_url(urls: UrlGenerator) -> None:
    assert urls.route("users.show", id=1, absolute=True) == "https://example.com/users/1"
    assert urls.route("home", absolute=True) == "https://example.com/"


def test_missing_required_params(urls: UrlGenerator) -> None:
    with pytest.raises(RoutingError) as caught:
        urls.route("comments.show", page=1)
    message = str(caught.value)
    assert "Route 'comments.show' (/posts/{slug}/comments/{comment:int})" in message
    assert "needs parameter(s) 'slug', 'comment' to build its URL" in message
    assert "route('comments.show', slug=..., comment=...)" in message


def test_unknown_route_name_suggests(urls: UrlGenerator) -> None:
    with pytest.raises(
        RoutingError, match=r"No route is named 'user\.show'\. Did you mean 'users\.show'"
    ):
        urls.route("user.show", id=1)


def test_value_that_the_route_would_not_match(urls: UrlGenerator) -> None:
    with pytest.raises(RoutingError) as caught:
        urls.route("users.show", id="abc")
    assert "Route 'users.show' (/users/{id:int}) needs 'id' to match '-?[0-9]+', got 'abc'" in str(
        caught.value
    )
    with pytest.raises(RoutingError, match="needs 'tag' to match '\\[a-z\\]\\+', got 'A1'"):
        urls.route("tags.show", tag="A1")


def test_generated_urls_match_back(collection: RouteCollection, urls: UrlGenerator) -> None:
    router = collection.compile()
    match = router.match("GET", urls.route("comments.show", slug="x-y", comment=-4))
    assert match is not None
    assert match.params == {"slug": "x-y", "comment": -4}
