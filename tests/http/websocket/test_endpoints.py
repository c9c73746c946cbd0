"""WebSocket actions through RSGI and ASGI: hook controllers (order, injection, encodings),
method and single-action controllers, and what stops boot."""

from __future__ import annotations

import pytest

from orionis.http import WebSocketDisconnect
from orionis.http.websocket import WebSocketSetupError
from orionis.testing import WebSocketRejected
from tests.http.websocket import handlers as h
from tests.http.websocket.conftest import AppFactory, Connect

ROUTES = """
Route.websocket("/chat/{room}", h.ChatController).name("chat")
Route.websocket("/json-hooks", h.JsonHooks)
Route.websocket("/bytes-hooks", h.BytesHooks)
Route.websocket("/raw-hooks", h.RawHooks)
Route.websocket("/refusing", h.RefusingHooks)
Route.websocket("/failing", h.FailingHooks)
Route.websocket("/closing", h.ClosingHooks)
Route.websocket("/feed/{name}", (h.FeedController, "stream"))
Route.websocket("/single", h.SingleAction)
"""


def _scoped_tracker(app: object) -> None:
    app.scoped(h.Tracker)  # type: ignore[attr-defined]


async def test_hooks_run_in_order_with_everything_injected(
    make_app: AppFactory, connect: Connect, interface: str
) -> None:
    app = await make_app(web=ROUTES, setup=_scoped_tracker)
    async with connect(app, "/chat/7") as ws:
        await ws.send_text("ada")
        assert await ws.receive_text() == "7:hello ada"
        await ws.send_text("bob")
        assert await ws.receive_text() == "7:hello bob"
        await ws.close(4000)
    (connect_event, first, second, disconnect) = h.events
    _, room, room_type, tracker_id, constructor_tracker_id = connect_event
    assert (room, room_type) == (7, "int")
    # One scoped Tracker for the connection: constructor, connect, receive and disconnect.
    assert constructor_tracker_id == tracker_id
    assert first == ("receive", "ada", tracker_id)
    assert second == ("receive", "bob", tracker_id)
    # Over RSGI Granian gives the app no close code from the client: it reads 1005.
    assert disconnect == ("disconnect", 1005 if interface == "rsgi" else 4000, tracker_id, 7)


async def test_each_connection_gets_a_new_controller_and_scoped_services(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES, setup=_scoped_tracker)
    for room in (1, 2):
        async with connect(app, f"/chat/{room}") as ws:
            await ws.send_text("x")
            await ws.receive_text()
    trackers = [event[3] for event in h.events if event[0] == "connect"]
    assert len(set(trackers)) == 2


async def test_json_encoding_and_default_accept(make_app: AppFactory, connect: Connect) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/json-hooks") as ws:
        await ws.send_text('{"a": [1, 2]}')
        assert await ws.receive_json() == {"got": {"a": [1, 2]}}
        await ws.send_bytes(b"[true]")
        assert await ws.receive_json() == {"got": [True]}


async def test_invalid_json_closes_1003_and_disconnect_gets_it(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/json-hooks") as ws:
        await ws.send_text("{oops")
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 1003
    assert caught.value.reason in ("", "invalid JSON")  # RSGI carries no reason
    assert h.events == [("disconnect", 1003)]


async def test_bytes_encoding(make_app: AppFactory, connect: Connect) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/bytes-hooks") as ws:
        await ws.send_bytes(b"abc")
        assert await ws.receive_bytes() == b"cba"
        await ws.send_text("text")
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 1003


async def test_no_encoding_passes_messages_as_received(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/raw-hooks") as ws:
        await ws.send_text("t")
        assert await ws.receive_text() == "str"
        await ws.send_bytes(b"b")
        assert await ws.receive_text() == "bytes"


async def test_connect_without_accepting_refuses_403_and_skips_disconnect(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES)
    with pytest.raises(WebSocketRejected) as caught:
        async with connect(app, "/refusing"):
            pass
    assert caught.value.status == 403
    assert h.events == ["connect"]


async def test_a_failing_receive_closes_1011_and_disconnect_still_runs(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES, setup=lambda app: app.with_exceptions(h.CountingHandler))
    async with connect(app, "/failing") as ws:
        await ws.send_text("x")
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 1011
    assert h.events == [("disconnect", 1011)]
    assert [str(error) for error in h.CountingHandler.reported] == ["secret in receive"]


async def test_disconnect_gets_the_code_the_server_closed_with(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/closing") as ws:
        await ws.send_text("x")
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 4100
    assert h.events == [("disconnect", 4100)]


async def test_a_method_action_is_built_by_the_container(
    make_app: AppFactory, connect: Connect
) -> None:
    app = await make_app(web=ROUTES)
    async with connect(app, "/feed/ada") as ws:
        assert [await ws.receive_text(), await ws.receive_text()] == ["hello ada"] * 2
        with pytest.raises(WebSocketDisconnect) as caught:
            await ws.receive()
    assert caught.value.code == 1000


async def test_a_route_name_gives_the_path(make_app: AppFactory) -> None:
    from orionis.routing import UrlGenerator

    app = await make_app(web=ROUTES)
    assert app.make(UrlGenerator).route("chat", room=1) == "/chat/1"


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (
            'Route.websocket("/sync", h.sync_action)',
            "sync_action must be an async function (async def)",
        ),
        ('Route.websocket("/enc", h.BadEncoding)', "BadEncoding.encoding is 'xml'; use one of"),
    ],
)
async def test_what_cannot_be_prepared_stops_boot(
    make_app: AppFactory, route: str, expected: str
) -> None:
    with pytest.raises(WebSocketSetupError) as caught:
        await make_app(web=route + "\n")
    message = str(caught.value)
    assert message.startswith("WebSocket route '/")
    assert "routes/web.py:3)" in message
    assert expected in message
