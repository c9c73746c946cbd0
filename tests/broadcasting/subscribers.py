"""Subscribers the broadcasting tests send to: one that records, one that is gone, one stuck."""

from __future__ import annotations

import asyncio

# Only guards against a hung test: a message that should arrive comes within milliseconds.
WAIT = 10.0


class Inbox:
    """Records what it is sent, as ("text", str) or ("bytes", bytes), in order."""

    def __init__(self, name: str = "inbox") -> None:
        self.name = name
        self.received: list[tuple[str, str | bytes]] = []
        self._arrived = asyncio.Condition()

    async def send_text(self, data: str) -> None:
        await self._record(("text", data))

    async def send_bytes(self, data: bytes) -> None:
        await self._record(("bytes", data))

    async def _record(self, item: tuple[str, str | bytes]) -> None:
        async with self._arrived:
            self.received.append(item)
            self._arrived.notify_all()

    async def wait_for(self, count: int) -> list[tuple[str, str | bytes]]:
        """The first ``count`` messages, once they have arrived."""
        async with self._arrived:
            await asyncio.wait_for(
                self._arrived.wait_for(lambda: len(self.received) >= count), WAIT
            )
        return self.received[:count]

    def texts(self) -> list[str | bytes]:
        """The payloads received, whatever their kind."""
        return [data for _, data in self.received]

    def __repr__(self) -> str:
        return f"<Inbox {self.name}>"


class Gone:
    """A client that disconnected: every send raises."""

    def __init__(self) -> None:
        self.attempts = 0

    async def send_text(self, data: str) -> None:
        self.attempts += 1
        raise ConnectionResetError("the client went away")

    async def send_bytes(self, data: bytes) -> None:
        self.attempts += 1
        raise ConnectionResetError("the client went away")


class Stuck:
    """A client that never reads: a send waits until it is cancelled."""

    def __init__(self) -> None:
        self.cancelled = 0

    async def send_text(self, data: str) -> None:
        await self._hang()

    async def send_bytes(self, data: bytes) -> None:
        await self._hang()

    async def _hang(self) -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.cancelled += 1
            raise


class StuckSocket(Stuck):
    """A stuck client that can be closed, as a WebSocket can: records the close it got."""

    def __init__(self) -> None:
        super().__init__()
        self.closed_with: tuple[int, str] | None = None

    async def close(self, code: int = 1000, reason: str = "") -> None:
        self.closed_with = (code, reason)


class Unhashable(Inbox):
    """A subscriber that defines equality, so Python makes it unhashable."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unhashable) and other.name == self.name

    __hash__ = None  # type: ignore[assignment]


class Failing:
    """A client whose send fails once the test releases it: shows what happens meanwhile."""

    def __init__(self) -> None:
        self.sending = asyncio.Event()
        self.release = asyncio.Event()

    async def send_text(self, data: str) -> None:
        self.sending.set()
        await self.release.wait()
        raise ConnectionResetError("the client went away")

    async def send_bytes(self, data: bytes) -> None:
        await self.send_text(data.decode())
