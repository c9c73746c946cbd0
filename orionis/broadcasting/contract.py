"""What a broadcaster offers and what it sends to: the ``Broadcaster`` and ``Subscriber`` protocols.

Controllers type-hint ``Broadcaster`` and get the driver configured in
``config/broadcasting.py``. A ``Subscriber`` is anything that can be sent text and bytes; a
``WebSocket`` is one, and so is a test double.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["Broadcaster", "Subscriber"]


class Subscriber(Protocol):
    """A receiver of channel messages: ``send_text`` for text, ``send_bytes`` for binary."""

    async def send_text(self, data: str) -> None:
        """Send one text message; raise when the receiver is gone."""
        ...

    async def send_bytes(self, data: bytes) -> None:
        """Send one binary message; raise when the receiver is gone."""
        ...


class Broadcaster(Protocol):
    """Named channels of subscribers, and sending one message to every member of a channel.

    A subscriber may be in many channels. Membership is local to the worker process; with
    the ``redis`` driver a broadcast reaches the members held by every worker.
    """

    async def join(self, channel: str, subscriber: Subscriber) -> None:
        """Add ``subscriber`` to ``channel`` (joining twice keeps one membership)."""
        ...

    async def leave(self, channel: str, subscriber: Subscriber) -> None:
        """Remove ``subscriber`` from ``channel``; nothing happens when it is not a member."""
        ...

    async def leave_all(self, subscriber: Subscriber) -> None:
        """Remove ``subscriber`` from every channel (call it when its connection ends)."""
        ...

    async def broadcast(
        self, channel: str, message: object, *, exclude: Subscriber | None = None
    ) -> int:
        """Send ``message`` to every member of ``channel`` but ``exclude``.

        ``str`` goes out as text, ``bytes`` as binary, anything else as JSON text (serialized
        once). Returns how many members of this process received it.
        """
        ...

    def members(self, channel: str) -> int:
        """How many subscribers of this process are in ``channel``."""
        ...
