"""The skeleton's chat: the page at /chat/{room} and its socket, where a message reaches the
room (the sender included), a bad one is answered to its sender alone, and rooms are apart."""

from __future__ import annotations

import pytest

from app.http.controllers.chat_controller import MAX_NAME, MAX_TEXT
from orionis import Application
from orionis.broadcasting import Broadcaster
from orionis.testing import TestClient, WebSocketRejected, WebSocketTestSession

KERNELS = pytest.mark.kernels("rsgi", "asgi")


def chat(client: TestClient, room: str = "lobby") -> WebSocketTestSession:
    return client.websocket(f"/ws/chat/{room}")


@KERNELS
async def test_a_message_reaches_everyone_in_the_room_the_sender_too(client: TestClient) -> None:
    async with chat(client) as ada, chat(client) as bob:
        await ada.send_json({"name": "Ada", "text": "Hello, room!"})

        assert await bob.receive_json() == {"name": "Ada", "text": "Hello, room!"}
        assert await ada.receive_json() == {"name": "Ada", "text": "Hello, room!"}

        await bob.send_json({"name": "Bob", "text": "Hi Ada"})

        assert await ada.receive_json() == {"name": "Bob", "text": "Hi Ada"}
        assert await bob.receive_json() == {"name": "Bob", "text": "Hi Ada"}


@KERNELS
async def test_an_invalid_message_is_answered_to_its_sender_only(client: TestClient) -> None:
    async with chat(client) as ada, chat(client) as bob:
        await ada.send_json({"name": "Ada", "text": ""})

        assert await ada.receive_json() == {"error": "The text field is required."}
        # Bob's next message is the valid one that follows: the error never reached him.
        await ada.send_json({"name": "Ada", "text": "Sorry, now with text"})
        assert await bob.receive_json() == {"name": "Ada", "text": "Sorry, now with text"}
        assert await ada.receive_json() == {"name": "Ada", "text": "Sorry, now with text"}


@KERNELS
async def test_another_room_hears_nothing(client: TestClient) -> None:
    async with chat(client, "lobby") as ada, chat(client, "kitchen") as cook:
        await ada.send_json({"name": "Ada", "text": "only for the lobby"})
        assert await ada.receive_json() == {"name": "Ada", "text": "only for the lobby"}

        # The cook's first message is the kitchen's own: the lobby's never arrived.
        await cook.send_json({"name": "Cook", "text": "soup is ready"})
        assert await cook.receive_json() == {"name": "Cook", "text": "soup is ready"}


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("not json", 'Send JSON: {"name": "...", "text": "..."}.'),
        ('["Ada", "hi"]', 'Send JSON: {"name": "...", "text": "..."}.'),
        ('{"text": "hi"}', "The name field is required."),
        ("{}", "The name field is required. (and 1 more error)"),
        ('{"name": "   ", "text": "hi"}', "The name field is required."),
        ('{"name": 7, "text": "hi"}', "The name field must be a string."),
        (
            '{"name": "' + "n" * (MAX_NAME + 1) + '", "text": "hi"}',
            f"The name field must not be greater than {MAX_NAME} characters.",
        ),
        (
            '{"name": "Ada", "text": "' + "t" * (MAX_TEXT + 1) + '"}',
            f"The text field must not be greater than {MAX_TEXT} characters.",
        ),
    ],
    ids=[
        "not-json",
        "not-an-object",
        "no-name",
        "empty",
        "blank-name",
        "number",
        "long-name",
        "long-text",
    ],
)
async def test_what_the_room_refuses(client: TestClient, message: str, error: str) -> None:
    async with chat(client) as ada:
        await ada.send_text(message)

        assert await ada.receive_json() == {"error": error}


async def test_names_and_texts_at_the_limits_go_through(client: TestClient) -> None:
    name, text = "n" * MAX_NAME, "t" * MAX_TEXT
    async with chat(client) as ada:
        await ada.send_json({"name": name, "text": text})

        assert await ada.receive_json() == {"name": name, "text": text}


async def test_control_characters_and_bidi_overrides_are_removed(client: TestClient) -> None:
    # U+202E (right-to-left override) would make the name read backwards in the page; the
    # zero-width joiner inside an emoji is no override and stays.
    name = " \u202eAda\r\n Lovelace\x00 "
    text = " two\nlines\x07 \u2067x\u2069 \U0001f469\u200d\U0001f4bb "
    async with chat(client) as ada:
        await ada.send_json({"name": name, "text": text})

        received = await ada.receive_json()

    assert received == {"name": "Ada Lovelace", "text": "two\nlines x \U0001f469\u200d\U0001f4bb"}


async def test_markup_travels_as_plain_text(client: TestClient) -> None:
    # The page renders with textContent; the server passes the text on unchanged.
    async with chat(client) as ada:
        await ada.send_json({"name": "<b>Ada</b>", "text": "<script>alert(1)</script>"})

        received = await ada.receive_json()

    assert received == {"name": "<b>Ada</b>", "text": "<script>alert(1)</script>"}


@KERNELS
async def test_a_connection_leaves_its_room_when_it_closes(
    app: Application, client: TestClient
) -> None:
    broadcaster = app.make(Broadcaster)
    async with chat(client) as ada:
        async with chat(client) as bob:
            assert broadcaster.members("chat.lobby") == 2
            await bob.close()

        assert broadcaster.members("chat.lobby") == 1
        await ada.send_json({"name": "Ada", "text": "anyone?"})
        assert await ada.receive_json() == {"name": "Ada", "text": "anyone?"}

    assert broadcaster.members("chat.lobby") == 0


@KERNELS
async def test_a_page_from_another_site_cannot_open_the_socket(client: TestClient) -> None:
    with pytest.raises(WebSocketRejected) as refused:
        async with client.websocket("/ws/chat/lobby", headers={"origin": "http://evil.example"}):
            pass

    assert refused.value.status == 403


async def test_a_room_name_outside_the_pattern_is_not_found(client: TestClient) -> None:
    (await client.get("/chat/no%20spaces")).assert_not_found()
    with pytest.raises(WebSocketRejected) as refused:
        async with chat(client, "no%20spaces"):
            pass

    assert refused.value.status == 404


@KERNELS
async def test_the_page_connects_to_the_rooms_socket(client: TestClient) -> None:
    response = await client.get("/chat/lobby")

    response.assert_ok().assert_view_is("chat").assert_view_has("room", "lobby")
    response.assert_see('data-socket="/ws/chat/lobby"', escape=False)
    response.assert_see("textContent", escape=False).assert_dont_see("innerHTML", escape=False)


async def test_the_socket_path_answers_plain_http_with_426(client: TestClient) -> None:
    response = await client.get("/ws/chat/lobby")

    response.assert_status(426).assert_header("upgrade", "websocket")


async def test_the_home_page_links_to_the_chat(client: TestClient) -> None:
    response = await client.get("/")

    response.assert_see('<a href="/chat/lobby">A WebSocket chat</a>', escape=False)
