"""Router micro-benchmark: microseconds per `Router.match` call (not a test).

Run: .venv/bin/python bench/router.py
"""

import timeit

from orionis.routing import Route, RouteCollection, Router

ROUNDS = 7
NUMBER = 200_000


def _handler() -> None:
    pass


def build_router() -> Router:
    """25 static and 25 dynamic routes registered before the two target routes."""
    collection = RouteCollection()
    with Route.collecting(collection):
        for index in range(25):
            Route.get(f"/static{index}/page", _handler)
        for index in range(25):
            Route.get(f"/section{index}/{{id:int}}/items/{{slug}}", _handler)
        Route.get("/about", _handler)
        Route.get("/users/{id:int}/posts/{slug}", _handler)
    return collection.compile()


def per_call(router: Router, method: str, path: str) -> float:
    """Best-of-ROUNDS microseconds per match."""
    timer = timeit.Timer(lambda: router.match(method, path))
    return min(timer.repeat(ROUNDS, NUMBER)) / NUMBER * 1e6


def main() -> None:
    router = build_router()
    cases = [
        ("static /about", "/about", True),
        ("dynamic /users/{id:int}/posts/{slug} (after 50)", "/users/42/posts/hello", True),
        ("no match (404)", "/nothing/here", False),
    ]
    for label, path, matches in cases:
        assert (router.match("GET", path) is not None) is matches
        print(f"{label:<50} {per_call(router, 'GET', path):6.3f} µs/match")


if __name__ == "__main__":
    main()
