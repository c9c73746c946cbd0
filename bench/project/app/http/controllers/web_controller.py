"""The /web scenario: a Jinja2 page through the web group (cookies, session, CSRF)."""

from orionis import view
from orionis.view import View

TITLE = "Items"


class WebController:
    """Renders the page with the items a real controller would have fetched."""

    async def show(self) -> View:
        # Built per request, as data fetched for the page would be (raw_web.py does the same).
        items = [{"name": f"Item {i}", "price": i * 3} for i in range(1, 11)]
        return view("web", {"title": TITLE, "items": items})
