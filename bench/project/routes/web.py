"""The bench routes: 50 others registered first (25 static, 25 with parameters)."""

from app.http.controllers.di_controller import DiController
from app.http.endpoints import filler, json, plaintext, user
from orionis.routing import Route

for index in range(25):
    Route.get(f"/static{index}/page", filler)
for index in range(25):
    Route.get(f"/section{index}/{{id:int}}/items/{{slug}}", filler)

Route.get("/plaintext", plaintext)
Route.get("/json", json)
Route.get("/users/{id:int}", user)
Route.get("/di", (DiController, "show"))
