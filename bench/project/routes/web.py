"""The /web scenario: the one route of the `web` group (cookies, session, csrf)."""

from app.http.controllers.web_controller import WebController
from orionis.routing import Route

Route.get("/web", (WebController, "show"))
