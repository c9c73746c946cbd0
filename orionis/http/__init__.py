"""HTTP: requests, responses, errors, middleware and the protocol-free kernel."""

from orionis.http.exception_handler import ExceptionHandler
from orionis.http.exceptions import (
    BadRequest,
    Forbidden,
    HttpException,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
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
from orionis.http.streaming import StreamingResponse
from orionis.http.uploaded_file import UploadedFile

__all__ = [
    "BadRequest",
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
    "Response",
    "StreamingResponse",
    "TerminableMiddleware",
    "TooManyRequests",
    "Unauthorized",
    "UnprocessableEntity",
    "UnsupportedMediaType",
    "UploadedFile",
    "abort",
    "redirect",
    "to_response",
]
