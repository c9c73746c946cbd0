"""Settings ``reactor serve`` refuses before starting Granian, each with a message that says
what is wrong and how to fix it: a PKCS#1 key, TLS options Granian would silently ignore,
an interface Orionis does not speak, bad GRANIAN_* values and static files settings."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from tests.integration.serve.certificates import Certificates, write_certificates, write_pkcs1_key
from tests.integration.serve.reactor import PINNED_ENV, serve_command
from tests.support.servers import free_port

WRAPPED = "orionis.console.serving.public_files:from_environment"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return write_certificates(tmp_path_factory.mktemp("pki"))


def refused(project: Path, *args: str, env: Mapping[str, str] | None = None) -> str:
    """Run ``reactor serve`` expecting it to stop with status 1; its output."""
    result = subprocess.run(
        serve_command("--port", str(free_port()), *args),
        cwd=project,
        env={**os.environ, **PINNED_ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Serving bootstrap:app" not in output
    assert "Traceback" not in output
    return output


def test_a_pkcs1_key_is_refused_with_the_conversion_command(
    project: Path, pki: Certificates
) -> None:
    key = write_pkcs1_key(project / "server.key")

    output = refused(
        project, "--ssl-certificate", str(pki.server_certificate), "--ssl-keyfile", str(key)
    )

    assert f"The TLS key {key} is a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY)" in output
    assert "Granian reads PKCS#8 keys only" in output
    converted = project / "server.pkcs8.key"
    assert f"openssl pkcs8 -topk8 -nocrypt -in {key} -out {converted}" in output
    assert f"--ssl-keyfile {converted}" in output


def test_the_conversion_command_gives_a_key_that_serves(project: Path, pki: Certificates) -> None:
    # The command in the message works: converting the key with it is all the fix takes.
    key = write_pkcs1_key(project / "server.key")
    converted = project / "server.pkcs8.key"
    command = ["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", str(key), "-out", str(converted)]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=30)
    except FileNotFoundError:
        pytest.skip("the openssl command is not installed")

    assert converted.read_text().startswith("-----BEGIN PRIVATE KEY-----")


def test_a_sec1_ec_key_is_refused(project: Path, pki: Certificates) -> None:
    key = project / "ec.key"
    private = ec.generate_private_key(ec.SECP256R1())
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )

    output = refused(
        project, "--ssl-certificate", str(pki.server_certificate), "--ssl-keyfile", str(key)
    )

    assert "is a SEC1 EC key (BEGIN EC PRIVATE KEY)" in output
    assert f"openssl pkcs8 -topk8 -nocrypt -in {key}" in output


def test_a_certificate_without_a_key_is_refused(project: Path, pki: Certificates) -> None:
    output = refused(project, "--ssl-certificate", str(pki.server_certificate))

    assert "--ssl-certificate was given without --ssl-keyfile" in output
    assert "Granian would serve plain HTTP" in output


def test_a_key_without_a_certificate_is_refused(project: Path, pki: Certificates) -> None:
    output = refused(project, env={"GRANIAN_SSL_KEYFILE": str(pki.server_key)})

    assert "--ssl-keyfile was given without --ssl-certificate" in output


def test_client_verification_without_a_ca_is_refused(project: Path, pki: Certificates) -> None:
    tls = ["--ssl-certificate", str(pki.server_certificate), "--ssl-keyfile", str(pki.server_key)]

    output = refused(project, *tls, "--ssl-client-verify")

    assert "--ssl-client-verify needs --ssl-ca" in output
    assert "Granian would accept every client" in output


def test_a_ca_without_https_is_refused(project: Path, pki: Certificates) -> None:
    output = refused(project, "--ssl-ca", str(pki.ca))

    assert "--ssl-ca was given without --ssl-certificate and --ssl-keyfile" in output


def test_wsgi_is_refused(project: Path) -> None:
    output = refused(project, env={"GRANIAN_INTERFACE": "wsgi"})

    assert "Orionis applications speak RSGI and ASGI, not 'wsgi'" in output
    assert "GRANIAN_INTERFACE" in output


def test_a_bad_granian_variable_is_refused(project: Path) -> None:
    output = refused(project, env={"GRANIAN_WORKERS": "many"})

    assert "Granian refuses the server settings: Invalid value for '--workers'" in output
    assert "'many' is not a valid integer" in output


def test_a_missing_static_folder_is_refused(project: Path) -> None:
    output = refused(project, "--static-path", "public_html")

    assert f"The static files folder {project / 'public_html'} does not exist" in output


@pytest.mark.parametrize("route", ["static", "/", "/assets/../static"])
def test_a_bad_static_route_is_refused(project: Path, route: str) -> None:
    output = refused(project, env={"STATIC_ROUTE": route})

    assert f"The static files route {route!r} (from --static-route or STATIC_ROUTE)" in output
    assert "Use a path like /static" in output


def test_a_bad_static_expires_is_refused(project: Path) -> None:
    output = refused(project, env={"STATIC_EXPIRES": "1 day"})

    assert "STATIC_EXPIRES is '1 day'; it must be a number of seconds" in output


def test_the_worker_target_outside_reactor_serve_says_what_to_run(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "granian", "--port", str(free_port()), "--factory", WRAPPED],
        cwd=project,
        env={**os.environ, **PINNED_ENV},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert f"{WRAPPED} is the server target of `reactor serve`" in result.stdout + result.stderr


def test_a_python_that_cannot_be_executed_is_reported() -> None:
    script = (
        "import sys\n"
        "from orionis.console.serving import ServeError, ServePlan, run\n"
        "sys.executable = '/nonexistent/python'\n"
        "try:\n"
        "    run(ServePlan(argv=(), url='', settings={}))\n"
        "except ServeError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )

    assert "Could not start Granian (/nonexistent/python -m granian)" in result.stdout
    assert "pip install 'granian[uvloop,reload]'" in result.stdout
