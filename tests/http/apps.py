"""Tiny RSGI and ASGI apps served by a real Granian in the end-to-end tests.

They use only the HTTP messages and adapters (no kernel): build the Request, answer with the
response classes, send through ``send_rsgi`` / ``send_asgi``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from orionis.http.asgi import Receive, Scope, Send, request_from_asgi, send_asgi
from orionis.http.exceptions import HttpException, NotFound
from orionis.http.file_response import FileResponse
from orionis.http.request import Request
from orionis.http.response import (
    HtmlResponse,
    JsonResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    to_response,
)
from orionis.http.rsgi import request_from_rsgi, send_rsgi
from orionis.http.streaming import StreamingResponse
from orionis.http.uploaded_file import UploadedFile

MAX_BODY_SIZE = 64 * 1024


def _describe(request: Request) -> dict[str, Any]:
    return {
        "method": request.method,
        "scheme": request.scheme,
        "path": request.path,
        "url": request.url,
        "host": request.host,
        "port": request.port,
        "client": request.client,
        "http_version": request.http_version,
        "query_a": request.query.get_all("a"),
        "header_x": request.headers.get_all("x-multi"),
        "cookies": request.cookies,
    }


async def _form(request: Request) -> dict[str, Any]:
    form = await request.form()
    result: dict[str, Any] = {}
    for key, value in form.multi_items():
        if isinstance(value, UploadedFile):
            content = await value.read()
            result[key] = {
                "filename": value.filename,
                "content_type": value.content_type,
                "size": value.size,
                "head": content[:5].decode(),
            }
        else:
            result[key] = value
    return result


async def _count(request: Request) -> dict[str, int]:
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
    return {"size": size}


async def _numbers(count: int) -> AsyncIterator[str]:
    for number in range(count):
        yield f"{number}\n"


def _sync_numbers(count: int) -> Iterator[bytes]:
    for number in range(count):
        yield f"s{number}\n".encode()


async def _forever(marker: str) -> AsyncIterator[bytes]:
    try:
        while True:
            yield b"tick\n"
            await asyncio.sleep(0.05)
    finally:
        await asyncio.to_thread(Path(marker).write_text, "closed")


async def _route(request: Request) -> Response:
    path, query = request.path, request.query
    if path == "/describe":
        return JsonResponse(_describe(request))
    if path == "/json":
        return JsonResponse({"received": await request.json()})
    if path == "/input":
        await request.load()
        return JsonResponse({"city": request.input("user.address.city"), "all": request.all()})
    if path == "/form":
        return JsonResponse(await _form(request))
    if path == "/count":
        return JsonResponse(await _count(request))
    if path == "/text":
        return PlainTextResponse("hello")
    if path == "/html":
        return HtmlResponse("<h1>hi</h1>")
    if path == "/bytes":
        return Response(b"\x00\x01raw", media_type="application/octet-stream")
    if path == "/redirect":
        return RedirectResponse("/text", status=303)
    if path == "/cookie":
        response = PlainTextResponse("ok")
        response.set_cookie("session", "abc def", max_age=60, secure=True, samesite="strict")
        return response.delete_cookie("old")
    if path == "/file":
        return FileResponse(query["path"], filename=query.get("name"))
    if path == "/stream":
        return StreamingResponse(_numbers(int(query.get("n", "3"))), media_type="text/plain")
    if path == "/sync-stream":
        return StreamingResponse(_sync_numbers(3), media_type="text/plain")
    if path == "/forever":
        return StreamingResponse(_forever(query["marker"]), media_type="text/plain")
    if path == "/none":
        return to_response(None)
    raise NotFound()


async def respond(request: Request) -> Response:
    """What a kernel would do, reduced to the minimum: route, turn errors into responses."""
    try:
        response = await _route(request)
    except HttpException as error:
        response = PlainTextResponse(error.detail, error.status_code, error.headers)
    return response.prepare(request)


async def rsgi_app(scope: Any, proto: Any) -> None:
    request = request_from_rsgi(scope, proto, MAX_BODY_SIZE)
    await send_rsgi(await respond(request), proto)


async def asgi_app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            else:
                await send({"type": "lifespan.shutdown.complete"})
                return
    request = request_from_asgi(scope, receive, MAX_BODY_SIZE)
    await send_asgi(await respond(request), send, receive, scope)
