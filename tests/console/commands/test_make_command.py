"""``make:command``: the generated command runs through the console kernel."""

from __future__ import annotations

from orionis.console.commands.make_command import default_command_name
from tests.console.conftest import Project


def test_the_generated_command_runs_through_reactor(project: Project) -> None:
    made = project.run("make:command", "SendEmails")

    assert made.code == 0, made.err
    assert made.out.splitlines() == [
        "Command created: app/console/commands/send_emails.py",
        "Run it with: reactor app:send-emails",
    ]
    ran = project.run("app:send-emails")
    listing = project.run()

    assert (ran.code, ran.out) == (0, "app:send-emails done.\n")
    assert "app:send-emails" in listing.out


def test_the_command_name_can_be_chosen(project: Project) -> None:
    assert project.run("make:command", "Reports/Daily", "--command", "reports:daily").code == 0

    ran = project.run("reports:daily")

    assert (ran.code, ran.out) == (0, "reports:daily done.\n")


def test_default_command_names() -> None:
    assert default_command_name("SendEmailsCommand") == "app:send-emails"
    assert default_command_name("Command") == "app:command"
    assert default_command_name("PruneHTTPLogs") == "app:prune-http-logs"
