"""Plain services the container tests build."""

from abc import ABC, abstractmethod
from typing import Protocol


class Mailer(Protocol):
    def send(self, to: str) -> str: ...


class SmtpMailer:
    def send(self, to: str) -> str:
        return f"smtp:{to}"


class FakeMailer:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, to: str) -> str:
        self.sent.append(to)
        return f"fake:{to}"


class Cache(ABC):
    @abstractmethod
    def get(self, key: str) -> object: ...


class ArrayCache(Cache):
    def get(self, key: str) -> object:
        return key


class Clock:
    pass


class Repository:
    pass


class Notifier:
    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer


class HomeController:
    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier


class Service:
    def __init__(self, repository: Repository, clock: Clock) -> None:
        self.repository = repository
        self.clock = clock


class Controller:
    def __init__(self, service: Service) -> None:
        self.service = service


class HttpClient:
    def __init__(self, clock: Clock, timeout: int, retries: int = 3) -> None:
        self.clock = clock
        self.timeout = timeout
        self.retries = retries
