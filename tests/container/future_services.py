"""Services whose annotations are strings (``from __future__ import annotations``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Mailer(Protocol):
    def send(self, to: str) -> str: ...


class SmtpMailer:
    def send(self, to: str) -> str:
        return f"smtp:{to}"


class Clock:
    pass


class Notifier:
    def __init__(self, mailer: Mailer, clock: Clock | None = None) -> None:
        self.mailer = mailer
        self.clock = clock


class HomeController:
    def __init__(self, notifier: Notifier) -> None:
        self.notifier = notifier

    def show(self, id: int, clock: Clock) -> tuple[int, Clock, Notifier]:
        return id, clock, self.notifier


@dataclass
class Report:
    clock: Clock
    title: str = "untitled"


def make_notifier(mailer: Mailer, clock: Clock) -> Notifier:
    return Notifier(mailer, clock)
