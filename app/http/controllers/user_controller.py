"""A small JSON API over an in-memory repository."""

from app.services.users import UserRepository
from orionis import abort


class UserController:
    """API actions: route parameters arrive converted to their annotated types."""

    def __init__(self, users: UserRepository) -> None:
        self.users = users

    async def index(self) -> dict[str, object]:
        return {"data": self.users.all()}

    async def show(self, id: int) -> dict[str, object]:
        user = self.users.find(id)
        if user is None:
            abort(404, f"User {id} not found.")
        return {"data": user}
