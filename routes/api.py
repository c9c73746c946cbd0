"""Routes for the JSON API: prefixed with /api and given the `api` middleware group."""

from app.http.controllers.user_controller import UserController
from orionis.routing import Route

Route.get("/users", (UserController, "index")).name("api.users.index")
Route.get("/users/{id:int}", (UserController, "show")).name("api.users.show")
