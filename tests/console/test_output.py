"""Output helpers: where messages go, the table, questions, error reports."""

from __future__ import annotations

import io
import os

import pytest

from orionis.console import Output
from orionis.console.output import render_table, report_error


def test_messages_go_to_stdout_and_errors_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    out = Output()

    out.line("plain")
    out.info("done")
    out.comment("note")
    out.warn("careful")
    out.error("broken")

    captured = capsys.readouterr()
    # Not a terminal: no colour codes.
    assert captured.out == "plain\ndone\nnote\ncareful\n"
    assert captured.err == "broken\n"


def test_table_pads_columns_to_the_widest_cell(capsys: pytest.CaptureFixture[str]) -> None:
    Output().table(["Name", "Qty"], [("apples", 3), ("kiwi", 12)])

    assert capsys.readouterr().out.splitlines() == [
        "+--------+-----+",
        "| Name   | Qty |",
        "+--------+-----+",
        "| apples | 3   |",
        "| kiwi   | 12  |",
        "+--------+-----+",
    ]


def test_a_table_without_rows_shows_its_headers() -> None:
    assert render_table(["A"], []) == "+---+\n| A |\n+---+"


def test_short_rows_are_padded() -> None:
    assert render_table(["A", "B"], [["x"]]).splitlines()[3] == "| x |   |"


def test_definitions_align_values_behind_dots(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = Output()
    out.definitions("Paths", [("Base", "/srv"), ("Storage", "/srv/storage"), ("Bare", "")])
    out.definitions("Versions", [("Python", "3.11.7"), ("Long " * 12, "value")])

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Paths"
    assert lines[1].startswith("  Base ....") and lines[1].endswith(" /srv")
    assert lines[3] == "  Bare"
    assert lines[4] == "Versions"
    # Every section's values end in the terminal's last column; a row too long keeps two dots.
    assert [len(line) for line in (lines[1], lines[2], lines[5])] == [60, 60, 60]
    assert lines[6].endswith(" .. value")


def test_definitions_are_80_columns_wide_when_piped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def piped(descriptor: int = 1) -> os.terminal_size:
        raise OSError("not a terminal")

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", piped)
    Output().definitions("Paths", [("Base", "/srv")])

    assert len(capsys.readouterr().out.splitlines()[1]) == 80


def test_confirm_and_ask_read_the_answers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n\nnot a number\n42\n"))
    out = Output()

    assert out.confirm("Deploy?") is True
    assert out.ask("Name", default="Ada") == "Ada"
    assert out.ask("Workers", type=int) == 42
    assert "Error: 'not a number' is not a valid integer." in capsys.readouterr().out


def test_report_error_prints_the_message_and_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    report_error(ValueError("bad value"), verbose=False)

    assert capsys.readouterr().err == (
        "Error: bad value\nRun with -v (or APP_DEBUG=true) to see the traceback.\n"
    )


def test_report_error_names_the_type_when_there_is_no_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    try:
        raise LookupError
    except LookupError as error:
        report_error(error, verbose=True)

    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last)")
    assert err.endswith("Error: LookupError\n")
