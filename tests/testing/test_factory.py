"""Factories: definitions, overrides, states, sequences, counts, models and seeding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from faker import Faker

from orionis.testing import Factory, TestingError, default_faker


@dataclass
class User:
    name: str
    email: str
    role: str = "member"


class UserFactory(Factory[dict[str, Any]]):
    def definition(self, faker: Faker) -> dict[str, Any]:
        return {"name": faker.name(), "email": faker.unique.email(), "role": "member"}


class UserModelFactory(Factory[User]):
    model = User

    def definition(self, faker: Faker) -> dict[str, Any]:
        return {"name": faker.name(), "email": faker.unique.email()}


def test_make_gives_the_definition_with_overrides_applied_last() -> None:
    user = UserFactory().make(role="admin")

    assert set(user) == {"name", "email", "role"}
    assert user["role"] == "admin"


def test_a_model_turns_the_attributes_into_objects() -> None:
    user = UserModelFactory().make(name="Ada")

    assert isinstance(user, User)
    assert user.name == "Ada"


def test_count_and_make_many_make_distinct_items() -> None:
    batch = UserFactory().count(3).make()
    many = UserFactory().make_many(2, role="guest")

    assert len(batch) == 3
    assert len({user["email"] for user in batch}) == 3
    assert [user["role"] for user in many] == ["guest", "guest"]


def test_states_apply_in_order_and_may_read_the_attributes() -> None:
    factory = UserFactory().state(role="admin").state(lambda a: {"name": a["role"].upper()})

    assert factory.make()["name"] == "ADMIN"
    assert UserFactory().make()["role"] == "member"  # the original is unchanged


def test_a_sequence_cycles_through_its_states() -> None:
    users = UserFactory().sequence({"role": "a"}, {"role": "b"}).count(5).make()

    assert [user["role"] for user in users] == ["a", "b", "a", "b", "a"]


def test_the_same_seed_makes_the_same_items() -> None:
    first, second = Faker(), Faker()
    first.seed_instance(3)
    second.seed_instance(3)

    assert UserFactory(first).make_many(2) == UserFactory(second).make_many(2)


def test_under_pytest_factories_use_the_tests_seeded_faker(faker: Faker) -> None:
    assert default_faker() is faker
    assert UserFactory().faker is faker


def test_a_factory_without_definition_says_what_to_add() -> None:
    with pytest.raises(TestingError, match=r"Factory has no definition\(\). Add `def definition"):
        Factory().make()


def test_errors_of_counts_and_sequences() -> None:
    with pytest.raises(TestingError, match=r"count\(-1\): the number of items cannot be negative"):
        UserFactory().count(-1)
    with pytest.raises(TestingError, match=r"sequence\(\) needs at least one state"):
        UserFactory().sequence()


def test_raw_gives_attributes_without_the_model() -> None:
    assert UserModelFactory().raw(name="Ada")["name"] == "Ada"
    assert [a["role"] for a in UserFactory().count(2).state(role="x").raw()] == ["x", "x"]
