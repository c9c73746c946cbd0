"""An in-memory user store; swap it for a database-backed one in a provider."""

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class User:
    id: int
    name: str


class UserRepository:
    """Users by id."""

    def __init__(self) -> None:
        self._users = {1: User(1, "Ada Lovelace"), 2: User(2, "Alan Turing")}

    def all(self) -> list[dict[str, object]]:
        return [asdict(user) for user in self._users.values()]

    def find(self, user_id: int) -> dict[str, object] | None:
        user = self._users.get(user_id)
        return asdict(user) if user else None
