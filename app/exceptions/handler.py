"""How the application reports and renders errors."""

from orionis.http import ExceptionHandler


class Handler(ExceptionHandler):
    """Add exception classes to ``dont_report`` to keep them out of the logs.

    Override ``report(error)`` to send errors elsewhere, and ``render(request, error)`` to
    answer some of them yourself (return None to keep the default response).
    """

    dont_report: list[type[BaseException]] = []
