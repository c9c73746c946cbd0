from orionis.routing import Match, Route, RouteCollection


def test_match_carries_route_and_params(collection: RouteCollection) -> None:
    route = Route.get("/", print).compile()
    match = Match(route, {"a": 1})
    assert (match.route, match.params) == (route, {"a": 1})
    assert match == Match(route, {"a": 1})
