"""`Output`: what a command prints and asks, through click (colours only on a terminal)."""

from __future__ import annotations

import os
import select
import shutil
import sys
import traceback
from collections.abc import Iterable, Sequence
from typing import Any

import click

__all__ = ["Output", "render_table", "report_error", "stdout_closed"]


class Output:
    """Output helpers shared by every command; closures get one injected (``out: Output``).

    Messages go to stdout, except ``error`` which goes to stderr. Colours are dropped when the
    stream is not a terminal, so piped output stays plain text.
    """

    def line(self, message: str = "") -> None:
        """Print ``message`` as it is."""
        click.echo(message)

    def info(self, message: str) -> None:
        """Print a success or progress message (green)."""
        click.secho(message, fg="green")

    def comment(self, message: str) -> None:
        """Print a side note (yellow)."""
        click.secho(message, fg="yellow")

    def warn(self, message: str) -> None:
        """Print a warning (magenta): something the user should look at, not a failure."""
        click.secho(message, fg="magenta")

    def error(self, message: str) -> None:
        """Print an error message to stderr (red)."""
        click.secho(message, fg="red", err=True)

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Print ``rows`` under ``headers`` as a boxed table; cells are converted with str()."""
        click.echo(render_table(headers, rows))

    def definitions(self, title: str, rows: Iterable[tuple[str, str]]) -> None:
        """Print ``title`` then one ``label ........ value`` line per row, each as wide as the
        terminal (80 columns when not a terminal, at most 120), so that every section's values
        end in the same column; a row too long for that width gets two dots."""
        click.secho(title, fg="green", bold=True)
        # COLUMNS wins over the terminal; 4 = the indent and a space on each side of the dots.
        dotted = min(shutil.get_terminal_size((80, 24)).columns, 120) - 4
        for label, value in rows:
            if not value:
                click.echo(f"  {label}")
                continue
            dots = "." * max(dotted - len(label) - len(value), 2)
            click.echo(f"  {label} {click.style(dots, dim=True)} {value}")

    def confirm(self, question: str, default: bool = False) -> bool:
        """Ask a yes/no question; an empty answer gives ``default``."""
        return click.confirm(question, default=default)

    def ask(
        self, question: str, default: Any = None, *, hide_input: bool = False, type: Any = None
    ) -> Any:
        """Ask for a value (``click.prompt``): ``type=int`` converts and re-asks when invalid;
        ``hide_input=True`` for secrets."""
        return click.prompt(question, default=default, hide_input=hide_input, type=type)


def render_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A boxed text table: ``+---+`` borders, one line per row, columns padded to fit."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [len(header) for header in headers]
    for row in cells:
        for index, cell in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], len(cell))
    border = "+" + "+".join("-" * (width + 2) for width in widths) + "+"

    def format_row(row: Sequence[str]) -> str:
        padded = [*row, *([""] * (len(widths) - len(row)))]
        return "| " + " | ".join(c.ljust(w) for c, w in zip(padded, widths, strict=False)) + " |"

    lines = [border, format_row(list(headers)), border]
    lines.extend(format_row(row) for row in cells)
    if cells:
        lines.append(border)
    return "\n".join(lines)


def report_error(error: BaseException, *, verbose: bool, hint: bool = True) -> None:
    """Print ``Error: <message>`` to stderr, after the full traceback when ``verbose``."""
    if verbose:
        click.echo("".join(traceback.format_exception(error)).rstrip(), err=True)
    click.secho(f"Error: {str(error) or type(error).__name__}", fg="red", err=True)
    if hint and not verbose:
        click.echo("Run with -v (or APP_DEBUG=true) to see the traceback.", err=True)


def stdout_closed() -> bool:
    """Whether the reader of stdout has gone (``reactor route:list | head -3``). If so, stdout
    is pointed at the null device, so that nothing more (not even Python's flush at exit)
    complains about the closed pipe: the command ends quietly, like any Unix tool."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return False  # replaced or detached: not a pipe of ours
    if not hasattr(select, "poll"):
        return False  # Windows: report the error as it is
    # The write end of a pipe whose read end closed polls as an error (Linux) or a hang-up.
    poller = select.poll()
    poller.register(descriptor, select.POLLOUT)
    gone = select.POLLERR | select.POLLHUP
    if not any(events & gone for _, events in poller.poll(0)):
        return False
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)
    return True
