"""``reactor`` (and ``python -m orionis``): run a console command of the application here."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from orionis.console.errors import ConsoleError
from orionis.console.kernel import Kernel
from orionis.console.loader import load_application
from orionis.console.output import report_error

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Load ``bootstrap.app`` from the working directory and run ``argv``; the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        app = load_application()
    except Exception as error:
        verbose = any(arg in ("-v", "--verbose") for arg in args)
        report_error(error, verbose=verbose, hint=not isinstance(error, ConsoleError))
        return 1
    return Kernel(app).handle(args)


if __name__ == "__main__":
    sys.exit(main())
