"""The /di scenario: a controller the container builds per request."""

from app.services.request_service import RequestService


class DiController:
    """Constructor-injected with the request's RequestService."""

    def __init__(self, service: RequestService) -> None:
        self.service = service

    async def show(self) -> dict[str, str]:
        return {"message": self.service.message()}
