"""The plain scenarios as route closures: what the simplest Orionis route costs."""

from orionis.http import PlainTextResponse


async def plaintext() -> PlainTextResponse:
    return PlainTextResponse("Hello, World!")


async def json() -> dict[str, str]:
    # A new dict each time: serialized per request, as the scenario asks.
    return {"message": "Hello, World!"}


async def user(id: int) -> dict[str, int]:
    return {"id": id}


async def filler(**params: object) -> dict[str, object]:
    return params
