"""Broadcasting: named channels of subscribers (WebSocket connections) and sending to them.

Controllers type-hint ``Broadcaster`` and get the driver of ``config/broadcasting.py``:
``memory`` for one worker process, ``redis`` for several workers or machines. The Redis
driver lives in ``orionis.broadcasting.redis`` and is imported only when configured.
"""

from orionis.broadcasting.contract import Broadcaster, Subscriber
from orionis.broadcasting.errors import BroadcastError
from orionis.broadcasting.manager import DRIVERS, make_broadcaster
from orionis.broadcasting.memory import DEFAULT_SEND_TIMEOUT, MemoryBroadcaster, encode_message
from orionis.broadcasting.provider import BroadcastServiceProvider

__all__ = [
    "DEFAULT_SEND_TIMEOUT",
    "DRIVERS",
    "BroadcastError",
    "BroadcastServiceProvider",
    "Broadcaster",
    "MemoryBroadcaster",
    "Subscriber",
    "encode_message",
    "make_broadcaster",
]
