"""Testing an Orionis application: in-process client, fluent response assertions, factories.

The pytest fixtures (``app``, ``client``, ``kernel``, ``faker_seed``) arrive through the
plugin ``orionis.testing.plugin``, registered as a pytest entry point.
"""

from orionis.testing.client import KERNELS, KernelName, TestClient
from orionis.testing.errors import TestingError
from orionis.testing.exchange import RenderedView, instrument
from orionis.testing.factory import Batch, Factory, State, default_faker, use_faker
from orionis.testing.project import create_application, isolated_process
from orionis.testing.response import TestResponse
from orionis.testing.rsgi import RSGITestTransport
from orionis.testing.websocket import WebSocketRejected, WebSocketTestSession

__all__ = [
    "KERNELS",
    "Batch",
    "Factory",
    "KernelName",
    "RSGITestTransport",
    "RenderedView",
    "State",
    "TestClient",
    "TestResponse",
    "TestingError",
    "WebSocketRejected",
    "WebSocketTestSession",
    "create_application",
    "default_faker",
    "instrument",
    "isolated_process",
    "use_faker",
]
