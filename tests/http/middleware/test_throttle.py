"""The `throttle` middleware through RSGI and ASGI, on each cache driver, with a frozen clock."""

from __future__ import annotations

import pytest

from orionis.cache import FrozenClock
from orionis.foundation.application import Application
from orionis.http.errors import MiddlewareError
from orionis.ratelimit import RateLimitError
from tests.http.middleware.conftest import START, AppFactory, Call
from tests.http.middleware.controllers import describe

JSON = {"accept": "application/json"}
ROUTES = """
Route.get("/a", c.hello).middleware("throttle:60,1")
Route.get("/b", c.hello).middleware("throttle:60,1")
Route.get("/small", c.hello).middleware("throttle:2,1")
Route.get("/shared-1", c.hello).middleware("throttle:2,1,uploads")
Route.get("/shared-2", c.hello).middleware("throttle:2,1,uploads")
Route.get("/api", c.hello).middleware("throttle:api")
Route.get("/global", c.hello).middleware("throttle:global")
Route.get("/plans", c.hello).middleware("throttle:plans")
Route.get("/vip", c.hello).middleware("throttle:vip")
Route.get("/open", c.hello).middleware("throttle:open")
Route.get("/user", c.hello).middleware([c.ActingAs, "throttle:2,1"])
Route.get("/plain", c.hello)
Route.get("/boom", c.boom).middleware("throttle:2,1")
"""


@pytest.fixture
async def app(make_app: AppFactory, cache_config: str) -> Application:
    return await make_app(web=ROUTES, cache=cache_config)


async def test_sixty_requests_pass_then_429_with_the_headers(app: Application, call: Call) -> None:
    for sent in range(1, 61):
        result = await call(app, "GET", "/a")
        assert result.status == 200
        assert describe(result) == {
            "x-ratelimit-limit": "60",
            "x-ratelimit-remaining": str(60 - sent),
            "retry-after": None,
            "x-ratelimit-reset": None,
        }
    refused = await call(app, "GET", "/a", headers=JSON)
    assert refused.status == 429
    assert refused.json() == {"message": "Too Many Requests"}
    assert describe(refused) == {
        "x-ratelimit-limit": "60",
        "x-ratelimit-remaining": "0",
        "retry-after": "60",
        "x-ratelimit-reset": str(int(START) + 60),
    }


async def test_retry_after_counts_down_and_the_window_resets(
    app: Application, call: Call, clock: FrozenClock
) -> None:
    for _ in range(2):
        await call(app, "GET", "/small")
    clock.advance(15)
    refused = await call(app, "GET", "/small")
    assert (refused.status, refused.headers["retry-after"]) == (429, "45")
    assert refused.headers["x-ratelimit-reset"] == str(int(START) + 60)
    clock.advance(44.5)
    assert (await call(app, "GET", "/small")).headers["retry-after"] == "1"
    clock.advance(0.5)
    again = await call(app, "GET", "/small")
    assert again.status == 200
    assert describe(again)["x-ratelimit-remaining"] == "1"


async def test_the_429_page_is_html_for_browsers(app: Application, call: Call) -> None:
    for _ in range(2):
        await call(app, "GET", "/small")
    refused = await call(app, "GET", "/small")
    assert refused.status == 429
    assert refused.headers["content-type"].startswith("text/html")
    assert "429 | Too Many Requests" in refused.text
    assert refused.headers["retry-after"] == "60"


async def test_each_client_has_its_own_counter(app: Application, call: Call) -> None:
    for _ in range(2):
        await call(app, "GET", "/small", client="10.0.0.1")
    assert (await call(app, "GET", "/small", client="10.0.0.1")).status == 429
    other = await call(app, "GET", "/small", client="10.0.0.2")
    assert (other.status, other.headers["x-ratelimit-remaining"]) == (200, "1")


async def test_each_route_has_its_own_counter(app: Application, call: Call) -> None:
    for _ in range(60):
        await call(app, "GET", "/a")
    assert (await call(app, "GET", "/a")).status == 429
    other = await call(app, "GET", "/b")
    assert (other.status, other.headers["x-ratelimit-remaining"]) == (200, "59")


async def test_a_named_bucket_is_shared_between_routes(app: Application, call: Call) -> None:
    await call(app, "GET", "/shared-1")
    assert (await call(app, "GET", "/shared-2")).headers["x-ratelimit-remaining"] == "0"
    assert (await call(app, "GET", "/shared-1")).status == 429


async def test_signed_in_users_are_counted_by_id_not_address(app: Application, call: Call) -> None:
    for _ in range(2):
        await call(app, "GET", "/user", headers={"x-user": "7"})
    assert (await call(app, "GET", "/user", headers={"x-user": "7"})).status == 429
    # Same address, another user; then no user at all: the address's own counter.
    assert (await call(app, "GET", "/user", headers={"x-user": "8"})).status == 200
    assert (await call(app, "GET", "/user")).headers["x-ratelimit-remaining"] == "1"


async def test_a_named_limiter_keyed_by_client(app: Application, call: Call) -> None:
    for remaining in ("2", "1", "0"):
        assert (await call(app, "GET", "/api")).headers["x-ratelimit-remaining"] == remaining
    refused = await call(app, "GET", "/api")
    assert describe(refused)["x-ratelimit-limit"] == "3" and refused.status == 429
    assert (await call(app, "GET", "/api", client="10.9.9.9")).status == 200


async def test_a_named_limiter_without_by_limits_everyone_together(
    app: Application, call: Call
) -> None:
    await call(app, "GET", "/global", client="10.0.0.1")
    await call(app, "GET", "/global", client="10.0.0.2")
    assert (await call(app, "GET", "/global", client="10.0.0.3")).status == 429


async def test_several_limits_report_the_tightest_and_refuse_on_the_first_used_up(
    app: Application, call: Call, clock: FrozenClock
) -> None:
    key = {"x-key": "team-1"}
    seen = [describe(await call(app, "GET", "/plans", headers=key)) for _ in range(3)]
    assert [(s["x-ratelimit-limit"], s["x-ratelimit-remaining"]) for s in seen] == [
        ("3", "2"),
        ("3", "1"),
        ("3", "0"),
    ]
    assert (await call(app, "GET", "/plans", headers=key)).status == 429
    clock.advance(60)  # a new minute; the hour has one request left, which the 429 did not use
    fourth = await call(app, "GET", "/plans", headers=key)
    assert (fourth.status, describe(fourth)["x-ratelimit-limit"]) == (200, "4")
    assert describe(fourth)["x-ratelimit-remaining"] == "0"
    refused = await call(app, "GET", "/plans", headers=key)
    assert (refused.status, refused.headers["retry-after"]) == (429, str(3600 - 60))


async def test_an_async_named_limiter_and_one_that_sets_no_limit(
    app: Application, call: Call
) -> None:
    for _ in range(2):
        await call(app, "GET", "/vip")
    assert (await call(app, "GET", "/vip")).status == 429
    vip = await call(app, "GET", "/vip", headers={"x-vip": "1"})
    assert vip.status == 200 and "x-ratelimit-limit" not in vip.headers
    for _ in range(5):
        unlimited = await call(app, "GET", "/open")
    assert unlimited.status == 200 and "x-ratelimit-limit" not in unlimited.headers


async def test_error_responses_are_counted_and_carry_the_headers(
    app: Application, call: Call
) -> None:
    failed = await call(app, "GET", "/boom")
    assert (failed.status, failed.headers["x-ratelimit-remaining"]) == (500, "1")
    await call(app, "GET", "/boom")
    assert (await call(app, "GET", "/boom")).status == 429


async def test_routes_without_the_middleware_are_not_counted(app: Application, call: Call) -> None:
    result = await call(app, "GET", "/plain")
    assert result.status == 200 and "x-ratelimit-limit" not in result.headers


async def test_in_the_global_stack_one_counter_covers_every_route(
    make_app: AppFactory, call: Call
) -> None:
    app = await make_app(web=ROUTES, http='middleware = ["throttle:3,1"]\n')
    await call(app, "GET", "/plain")
    await call(app, "GET", "/missing")
    assert (await call(app, "GET", "/plain")).headers["x-ratelimit-remaining"] == "0"
    assert (await call(app, "GET", "/nowhere")).status == 429


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("throttle:abc,1", "throttle:abc,1 is not valid"),
        ("throttle:0,1", "max_attempts must be 1 or more"),
        ("throttle:60,0", "decay must be more than 0 seconds"),
        ("throttle:1,2,3,4", "too many parameters"),
    ],
)
async def test_wrong_parameters_stop_boot_naming_the_route(
    make_app: AppFactory, entry: str, message: str
) -> None:
    with pytest.raises(MiddlewareError) as raised:
        await make_app(web=f'Route.get("/x", c.hello).middleware("{entry}")\n')
    assert "Route '/x'" in str(raised.value) and message in str(raised.value)


async def test_an_undefined_named_limiter_stops_boot(make_app: AppFactory) -> None:
    with pytest.raises(RateLimitError) as raised:
        await make_app(web='Route.get("/x", c.hello).middleware("throttle:apj")\n')
    message = str(raised.value)
    assert message.startswith("Route '/x'")
    assert "No rate limiter is named 'apj'. Did you mean 'api'?" in message
