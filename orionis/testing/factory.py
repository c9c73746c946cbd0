"""Model-free factories: fake attributes from Faker, made into dicts or any class.

class UserFactory(Factory[User]):
    model = User

    def definition(self, faker: Faker) -> dict[str, Any]:
        return {"name": faker.name(), "email": faker.unique.email()}

UserFactory().make(name="Ada")            # one User
UserFactory().count(3).make()              # three
UserFactory().state(admin=True).make()
UserFactory().sequence({"role": "a"}, {"role": "b"}).make_many(4)
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Generic, Self, TypeVar, cast

from faker import Faker

from orionis.testing.errors import TestingError

__all__ = ["Batch", "Factory", "State", "default_faker", "use_faker"]

T = TypeVar("T")
# A state: attributes to set, or a function of the attributes so far returning some to set.
State = Mapping[str, Any] | Callable[[dict[str, Any]], Mapping[str, Any]]

# The Faker of the running test (the plugin sets it); otherwise one made on first use.
_faker: list[Faker] = []


def use_faker(faker: Faker | None) -> None:
    """Make ``faker`` what factories built without one use (None: forget it)."""
    _faker[:] = [] if faker is None else [faker]


def default_faker() -> Faker:
    """The Faker factories use when none is given: the test's seeded ``faker`` under pytest."""
    if not _faker:
        _faker.append(Faker())
    return _faker[0]


class Factory(Generic[T]):
    """Fake data for tests. Subclasses write ``definition(faker)``; ``model`` (a class or any
    callable taking the attributes as keywords) turns attributes into objects, dicts without."""

    model: ClassVar[Callable[..., Any] | None] = None

    def __init__(self, faker: Faker | None = None) -> None:
        self._faker = faker
        self._states: tuple[State, ...] = ()
        self._sequence: tuple[State, ...] = ()
        self._made = 0

    def definition(self, faker: Faker) -> Mapping[str, Any]:
        """The default attributes of one item."""
        raise TestingError(
            f"{type(self).__name__} has no definition(). Add "
            "`def definition(self, faker): return {...}` returning the attributes of one item."
        )

    @property
    def faker(self) -> Faker:
        """The Faker this factory uses: its own, or the test's seeded one."""
        return self._faker if self._faker is not None else default_faker()

    def state(self, state: State | None = None, /, **attributes: Any) -> Self:
        """A copy that applies ``state`` (a mapping or a function of the attributes) and
        ``attributes`` on top of the definition."""
        added = (state,) if state is not None else ()
        return self._with(_states=(*self._states, *added, attributes))

    def sequence(self, *states: State) -> Self:
        """A copy that applies ``states`` in turn, one per item made, cycling."""
        if not states:
            raise TestingError("sequence() needs at least one state, e.g. sequence({'a': 1}).")
        return self._with(_sequence=states, _made=0)

    def count(self, count: int) -> Batch[T]:
        """``count`` items at once: ``factory.count(3).make()``."""
        return Batch(self, count)

    def raw(self, **overrides: Any) -> dict[str, Any]:
        """The attributes of one item, without making it."""
        attributes = dict(self.definition(self.faker))
        for state in self._next_states():
            attributes.update(state(attributes) if callable(state) else state)
        attributes.update(overrides)
        return attributes

    def make(self, **overrides: Any) -> T:
        """One item, with ``overrides`` applied last."""
        return self.new_model(self.raw(**overrides))

    def make_many(self, count: int, **overrides: Any) -> list[T]:
        """``count`` items."""
        return [self.make(**overrides) for _ in range(count)]

    def new_model(self, attributes: dict[str, Any]) -> T:
        """``model(**attributes)``, or the attributes themselves without a model."""
        if self.model is None:
            return cast(T, attributes)
        return cast(T, self.model(**attributes))

    def _next_states(self) -> tuple[State, ...]:
        if not self._sequence:
            return self._states
        step = self._sequence[self._made % len(self._sequence)]
        self._made += 1
        return (*self._states, step)

    def _with(self, **changes: Any) -> Self:
        clone = copy.copy(self)
        for name, value in changes.items():
            setattr(clone, name, value)
        return clone


class Batch(Generic[T]):
    """A factory set to make ``count`` items at a time."""

    def __init__(self, factory: Factory[T], count: int) -> None:
        if count < 0:
            raise TestingError(f"count({count}): the number of items cannot be negative.")
        self.factory = factory
        self.count = count

    def state(self, state: State | None = None, /, **attributes: Any) -> Batch[T]:
        """The batch with a state added (see `Factory.state`)."""
        return Batch(self.factory.state(state, **attributes), self.count)

    def sequence(self, *states: State) -> Batch[T]:
        """The batch with states applied in turn (see `Factory.sequence`)."""
        return Batch(self.factory.sequence(*states), self.count)

    def raw(self, **overrides: Any) -> list[dict[str, Any]]:
        """The attributes of each item."""
        return [self.factory.raw(**overrides) for _ in range(self.count)]

    def make(self, **overrides: Any) -> list[T]:
        """``count`` items."""
        return self.factory.make_many(self.count, **overrides)
