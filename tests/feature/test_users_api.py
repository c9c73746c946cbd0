"""The skeleton's JSON API of users."""

from __future__ import annotations

import pytest

from app.services.users import UserRepository
from orionis import Application
from orionis.testing import TestClient


@pytest.mark.kernels("rsgi", "asgi")
async def test_the_users_are_listed(client: TestClient) -> None:
    response = await client.get("/api/users")

    response.assert_ok()
    response.assert_json_count(2, "data")
    response.assert_json_structure({"data": {"*": ["id", "name"]}})
    response.assert_json_path("data.0.name", "Ada Lovelace")


async def test_one_user_is_shown(client: TestClient) -> None:
    response = await client.get("/api/users/2")

    response.assert_ok().assert_exact_json({"data": {"id": 2, "name": "Alan Turing"}})


async def test_a_missing_user_is_not_found_with_a_json_message(client: TestClient) -> None:
    response = await client.get("/api/users/999", headers={"accept": "application/json"})

    response.assert_not_found().assert_json({"message": "User 999 not found."})


async def test_the_repository_can_be_faked(app: Application, client: TestClient) -> None:
    users = app.fake(UserRepository)
    users.find.return_value = {"id": 7, "name": "Grace Hopper"}

    response = await client.get("/api/users/7")

    response.assert_ok().assert_json_path("data.name", "Grace Hopper")
    users.find.assert_called_once_with(7)
