"""``reactor`` / ``python -m orionis``: the entry point and its exit codes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from orionis.console.__main__ import main
from tests.console.conftest import BASE_FILES, Project, fresh_start


def test_outside_a_project_reactor_explains_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    fresh_start()

    code = main(["about"])

    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"Error: No bootstrap package in {tmp_path.resolve()}")
    assert "Run with -v" not in err


def test_a_broken_bootstrap_is_reported_with_its_traceback_on_request(project: Project) -> None:
    project.write("bootstrap/app.py", "raise RuntimeError('misconfigured')\n")

    quiet = project.run("about")
    verbose = project.run("about", "-v")

    assert quiet.code == verbose.code == 1
    assert quiet.err.startswith("Error: misconfigured\n")
    assert "Traceback (most recent call last)" in verbose.err


def test_main_reads_sys_argv_by_default(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["reactor", "config:show", "app"])
    fresh_start()

    assert main() == 0
    assert "app.name" in capsys.readouterr().out


def _write_project(root: Path) -> None:
    files = {
        **BASE_FILES,
        "routes/console.py": """
            from orionis.console import Argument, Console


            CODE = Argument("code", type=int)


            @Console.command("exit-with", "Exit with a code", arguments=[CODE])
            def exit_with(code: int) -> int:
                print("exiting", flush=True)
                return code


            @Console.command("upstream", "Fail on a socket of its own")
            def upstream() -> None:
                raise BrokenPipeError("the upstream socket closed")


            @Console.command("chatter", "Print many lines")
            def chatter() -> None:
                for number in range(200_000):
                    print(f"line {number}")
        """,
    }
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source).lstrip())


def test_python_dash_m_orionis_exits_with_the_command_status(tmp_path: Path) -> None:
    _write_project(tmp_path)

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "orionis", *argv],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    done, failed, unknown = run("exit-with", "0"), run("exit-with", "7"), run("exit-wit")

    assert (done.returncode, done.stdout) == (0, "exiting\n"), done.stderr
    assert (failed.returncode, failed.stdout) == (7, "exiting\n"), failed.stderr
    assert unknown.returncode == 2
    assert "Did you mean 'exit-with'?" in unknown.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    # `reactor route:list | head -3`: the pipe closes while the command still writes.
    _write_project(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "orionis", "chatter"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read()
        code = process.wait(timeout=60)
    finally:
        process.kill()
        process.wait()

    assert first == "line 0\n"
    assert (code, errors) == (1, "")


def test_a_broken_pipe_of_the_command_itself_is_reported(tmp_path: Path) -> None:
    _write_project(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "orionis", "upstream"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr.startswith("Error: the upstream socket closed\n")
