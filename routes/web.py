"""Routes for pages: they get the `web` middleware group."""

from app.http.controllers.chat_controller import ChatController
from app.http.controllers.contact_controller import ContactController
from app.http.controllers.home_controller import HomeController
from orionis.routing import Route

ROOM = r"[A-Za-z0-9_-]{1,40}"

Route.get("/", (HomeController, "index")).name("home")
Route.get("/contact", (ContactController, "show")).name("contact.show")
Route.post("/contact", (ContactController, "store")).name("contact.store")
Route.get("/chat/{room}", (ChatController, "show")).where("room", ROOM).name("chat.show")
Route.websocket("/ws/chat/{room}", ChatController).where("room", ROOM).name("chat.socket")
