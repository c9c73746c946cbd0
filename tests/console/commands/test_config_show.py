"""``config:show``: the configuration with secrets masked."""

from __future__ import annotations

import json
import re

from orionis.console.commands.config_show import MASK, describe, masked
from tests.console.conftest import Project

ROW = re.compile(r"  (\S+) \.+ (.*)")


def _row(line: str) -> tuple[str, str]:
    match = ROW.fullmatch(line)
    assert match is not None, line
    return match[1], match[2]


SERVICES = """
    from orionis.config import env

    mailer = "smtp"
    password = env("MAIL_PASSWORD", "")
    api_token = "tok-123"
    stripe = {"public": "pk_live", "secret": "sk_live", "webhook": {"SigningKey": "whsec"}}
    hosts = ["a.test", "b.test"]
    queue_url = "redis://:hunter3@cache.internal:6379/0"
    signing = "base64:c2VjcmV0"
    timeout = None
    empty = {}
"""


def _project(project: Project) -> Project:
    project.write("config/services.py", SERVICES)
    project.write(".env", "APP_KEY=base64:AAAA\nMAIL_PASSWORD=hunter2\nAPP_NAME=Shop\n")
    return project


def test_config_show_masks_secrets_of_a_section(project: Project) -> None:
    result = _project(project).run("config:show", "services")

    assert result.code == 0, result.err
    rows = dict(_row(line) for line in result.out.splitlines()[1:])
    assert result.out.splitlines()[0] == "services"
    assert rows == {
        "services.mailer": "smtp",
        "services.password": MASK,
        "services.api_token": MASK,
        "services.stripe.public": "pk_live",
        "services.stripe.secret": MASK,
        "services.stripe.webhook.SigningKey": MASK,
        "services.hosts": "[a.test, b.test]",
        "services.queue_url": f"redis://:{MASK}@cache.internal:6379/0",
        "services.signing": MASK,
        "services.timeout": "null",
        "services.empty": "{}",
    }
    assert "hunter2" not in result.out and "sk_live" not in result.out
    assert "hunter3" not in result.out


def test_config_show_without_a_section_shows_every_section(project: Project) -> None:
    result = _project(project).run("config:show")

    sections = [line for line in result.out.splitlines() if line and not line.startswith(" ")]
    assert sections == [
        "app",
        "broadcasting",
        "cache",
        "http",
        "logging",
        "services",
        "session",
        "view",
        "websockets",
    ]
    assert "Shop" in result.out
    assert "base64:AAAA" not in result.out


def test_config_show_json_keeps_the_structure(project: Project) -> None:
    result = _project(project).run("config:show", "services", "--json")

    values = json.loads(result.out)["services"]
    assert values["stripe"] == {
        "public": "pk_live",
        "secret": MASK,
        "webhook": {"SigningKey": MASK},
    }
    assert values["hosts"] == ["a.test", "b.test"]
    assert values["password"] == MASK


def test_config_show_json_names_classes_by_their_path(project: Project) -> None:
    project.write(
        "app/providers.py",
        "from orionis import ServiceProvider\n\n\nclass P(ServiceProvider): ...\n",
    )
    project.write("config/app.py", "from app.providers import P\n\nproviders = [P]\n")

    result = project.run("config:show", "app", "--json")

    assert json.loads(result.out)["app"]["providers"] == ["app.providers.P"]


def test_an_unknown_section_suggests_close_names(project: Project) -> None:
    result = _project(project).run("config:show", "servics")

    assert result.code == 1
    assert result.err == (
        "Error: No config section 'servics'. Did you mean 'services'? "
        "Sections: app, broadcasting, cache, http, logging, services, session, view, websockets.\n"
    )


def test_masked_and_describe_on_plain_values() -> None:
    assert masked({"db": {"Password": "x", "port": 5432}}, ()) == {
        "db": {"Password": MASK, "port": 5432}
    }
    assert masked(("base64:abc", "plain"), ("list",)) == [MASK, "plain"]
    assert masked("postgres://app:pw@db/shop", ("url",)) == f"postgres://app:{MASK}@db/shop"
    assert masked("redis://cache:6379/0", ("url",)) == "redis://cache:6379/0"
    assert describe(True) == "true"
    assert describe([masked, None]) == ("[orionis.console.commands.config_show.masked, null]")
