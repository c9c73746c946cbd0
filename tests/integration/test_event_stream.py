"""Server-sent events end to end: the project of realtime_project.py served by ``reactor
serve`` (Granian, RSGI and ASGI; HTTP/1.1 in cleartext and over TLS, HTTP/2 over TLS), read
with httpx's streaming client and parsed as a browser's EventSource would."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass

import httpx
import pytest

from tests.integration.realtime_project import Served, serve_realtime
from tests.integration.serve.certificates import Certificates, write_certificates

TIMEOUT = 10.0
STREAMS = [(i, t) for i in ("rsgi", "asgi") for t in ("http/1.1", "https/1.1", "https/2")]

Item = dict[str, str]
"""One parsed item: an event's fields (``data`` lines joined by newlines), or ``{"comment"}``."""

Launch = Callable[[str, bool], Served]


@dataclass(frozen=True)
class Stream:
    """A server of the project and how the client speaks to it."""

    served: Served
    http2: bool

    def client(self) -> httpx.Client:
        return httpx.Client(verify=self.served.tls or True, http2=self.http2, timeout=TIMEOUT)

    @property
    def http_version(self) -> str:
        return "HTTP/2" if self.http2 else "HTTP/1.1"


@pytest.fixture(scope="module")
def launch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Launch]:
    """``launch(interface, tls)``: the project's server for that pair, started once."""
    pki: Certificates | None = None
    started: dict[tuple[str, bool], Served] = {}
    with ExitStack() as servers:

        def served(interface: str, tls: bool) -> Served:
            nonlocal pki
            if (interface, tls) not in started:
                if tls and pki is None:
                    pki = write_certificates(tmp_path_factory.mktemp("pki"))
                folder = tmp_path_factory.mktemp(f"{interface}-{'tls' if tls else 'plain'}")
                started[interface, tls] = serve_realtime(
                    servers, folder, interface, pki if tls else None
                )
            return started[interface, tls]

        yield served


@pytest.fixture(params=STREAMS, ids=[f"{i}-{t}" for i, t in STREAMS])
def stream(request: pytest.FixtureRequest, launch: Launch) -> Stream:
    interface, transport = request.param
    return Stream(launch(interface, transport.startswith("https")), transport.endswith("/2"))


def parse(lines: Iterator[str], until: Callable[[list[Item]], bool]) -> list[Item]:
    """Items from the stream's lines until ``until(items)`` holds or the stream ends."""
    items: list[Item] = []
    fields: Item = {}
    for line in lines:
        if line.startswith(":"):
            items.append({"comment": line[1:].removeprefix(" ")})
        elif line:
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            fields[name] = f"{fields[name]}\n{value}" if name in fields else value
            continue
        elif fields:
            items.append(fields)
            fields = {}
        if until(items):
            break
    return items


def has_comment(items: list[Item]) -> bool:
    return any("comment" in item for item in items)


def test_events_arrive_with_their_fields_then_pings(stream: Stream) -> None:
    with stream.client() as client, client.stream("GET", stream.served.url("/events")) as response:
        items = parse(response.iter_lines(), until=has_comment)

    assert response.status_code == 200
    assert response.http_version == stream.http_version
    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    # HTTP/2 forbids connection-specific headers.
    assert response.headers.get("connection") == (None if stream.http2 else "keep-alive")
    assert items == [
        {"retry": "1500"},
        {"id": "1", "event": "tick", "data": '{"n":1}'},
        {"id": "2", "event": "tick", "data": '{"n":2}'},
        {"id": "3", "event": "tick", "data": '{"n":3}'},
        {"data": "first line\nsecond line"},
        {"comment": "ping"},
    ]


def test_a_finite_stream_ends_after_its_last_event(stream: Stream) -> None:
    with (
        stream.client() as client,
        client.stream("GET", stream.served.url("/countdown")) as response,
    ):
        items = parse(response.iter_lines(), until=lambda items: False)

    assert items == [
        {"id": "3", "data": "3"},
        {"id": "2", "data": "2"},
        {"id": "1", "data": "1"},
        {"event": "done", "data": "liftoff"},
    ]


def test_a_client_that_leaves_is_noticed_by_the_event_source(stream: Stream) -> None:
    """The source waits forever after its events; only the client leaving ends it (its
    ``finally`` writes to the journal), whether the server signals the disconnect or the
    next ping fails."""
    tag = uuid.uuid4().hex[:12]
    served = stream.served
    with (
        stream.client() as client,
        client.stream("GET", served.url(f"/events?tag={tag}")) as response,
    ):
        # Held: a line iterator dropped half-way closes the connection (httpx does).
        lines = response.iter_lines()
        parse(lines, until=has_comment)
        assert f"sse {tag} sent" in served.lines()
        assert f"sse {tag} closed" not in served.lines()

    served.wait_for_line(f"sse {tag} closed")
