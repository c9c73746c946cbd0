"""Routes for pages: they get the `web` middleware group."""

from app.http.controllers.contact_controller import ContactController
from app.http.controllers.home_controller import HomeController
from orionis.routing import Route

Route.get("/", (HomeController, "index")).name("home")
Route.get("/contact", (ContactController, "show")).name("contact.show")
Route.post("/contact", (ContactController, "store")).name("contact.store")
