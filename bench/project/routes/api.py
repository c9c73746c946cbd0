"""The bench routes without middleware: 50 others registered first (25 static, 25 with
parameters), then the plaintext, json, users and di scenarios.

Loaded as the `api` routes with no prefix (bootstrap/app.py): the bench's `api` group is empty.
"""

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
