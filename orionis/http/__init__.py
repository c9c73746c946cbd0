"""HTTP: requests, responses, errors, middleware and the protocol-free kernel."""

from orionis.http.event_stream import EventStreamResponse, ServerSentEvent
from orionis.http.exception_handler import ExceptionHandler
from orionis.http.exceptions import (
    BadRequest,
    Forbidden,
    HttpException,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    RequestTimeout,
    TooManyRequests,
    Unauthorized,
    UnprocessableEntity,
    UnsupportedMediaType,
    abort,
)
from orionis.http.file_response import FileResponse
from orionis.http.form import FormData
from orionis.http.headers import Headers
from orionis.http.kernel import Kernel
from orionis.http.middleware import Middleware, Next, TerminableMiddleware
from orionis.http.multi_dict import QueryParams
from orionis.http.redirector import Redirector, redirect
from orionis.http.request import Request
from orionis.http.response import (
    HtmlResponse,
    JsonResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    to_response,
)
from orionis.http.safe_redirect import is_local_url
from orionis.http.streaming import StreamingResponse
from orionis.http.uploaded_file import UploadedFile
from orionis.http.websocket import (
    WebSocket,
    WebSocketDisconnect,
    WebSocketMiddleware,
    WebSocketNext,
    WebSocketState,
)

__all__ = [
    "BadRequest",
    "EventStreamResponse",
    "ExceptionHandler",
    "FileResponse",
    "Forbidden",
    "FormData",
    "Headers",
    "HtmlResponse",
    "HttpException",
    "JsonResponse",
    "Kernel",
    "MethodNotAllowed",
    "Middleware",
    "Next",
    "NotFound",
    "PayloadTooLarge",
    "PlainTextResponse",
    "QueryParams",
    "RedirectResponse",
    "Redirector",
    "Request",
    "RequestTimeout",
    "Response",
    "ServerSentEvent",
    "StreamingResponse",
    "TerminableMiddleware",
    "TooManyRequests",
    "Unauthorized",
    "UnprocessableEntity",
    "UnsupportedMediaType",
    "UploadedFile",
    "WebSocket",
    "WebSocketDisconnect",
    "WebSocketMiddleware",
    "WebSocketNext",
    "WebSocketState",
    "abort",
    "is_local_url",
    "redirect",
    "to_response",
]
