"""HTTPS with a certificate the test generates, HTTP/2 negotiated over TLS (ALPN), mTLS that
refuses clients without a valid certificate, and the key format Granian cannot read."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from tests.integration.serve.certificates import Certificates, write_certificates
from tests.integration.serve.project import write_serve_project
from tests.integration.serve.reactor import Reactor, reactor_in
from tests.support.servers import HOST, Server


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return write_certificates(tmp_path_factory.mktemp("pki"))


def https_url(server: Server) -> str:
    return f"https://{HOST}:{server.port}"


def client_context(pki: Certificates, certificate: Path | None = None) -> ssl.SSLContext:
    """Trusts the test CA; presents ``certificate`` (with its key next to it) when given."""
    context = ssl.create_default_context(cafile=str(pki.ca))
    if certificate is not None:
        context.load_cert_chain(str(certificate), str(certificate.with_suffix(".key")))
    return context


def tls_args(pki: Certificates) -> list[str]:
    return ["--ssl-certificate", str(pki.server_certificate), "--ssl-keyfile", str(pki.server_key)]


def test_https_with_a_generated_certificate(
    reactor: Reactor, project: Path, pki: Certificates
) -> None:
    server = reactor(project, *tls_args(pki))

    response = httpx.get(f"{https_url(server)}/greeting", verify=client_context(pki), timeout=10)

    assert (response.status_code, response.text) == (200, "hello"), server.output()
    assert f"Serving bootstrap:app on {https_url(server)} " in server.output()


def test_http2_is_negotiated_over_tls(reactor: Reactor, project: Path, pki: Certificates) -> None:
    server = reactor(project, *tls_args(pki))

    with httpx.Client(http2=True, verify=client_context(pki), timeout=10) as client:
        response = client.get(f"{https_url(server)}/greeting")

    assert (response.http_version, response.text) == ("HTTP/2", "hello"), server.output()


def test_tls_settings_come_from_granian_variables(
    reactor: Reactor, project: Path, pki: Certificates
) -> None:
    env = {
        "GRANIAN_SSL_CERTIFICATE": str(pki.server_certificate),
        "GRANIAN_SSL_KEYFILE": str(pki.server_key),
    }
    server = reactor(project, env=env)

    response = httpx.get(f"{https_url(server)}/greeting", verify=client_context(pki), timeout=10)

    assert response.text == "hello", server.output()


@pytest.fixture(scope="module")
def mtls(pki: Certificates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server requiring client certificates signed by the test CA."""
    folder = tmp_path_factory.mktemp("mtls")
    project = write_serve_project(folder / "project")
    with ExitStack() as servers:
        reactor = reactor_in(servers, folder)
        yield reactor(project, *tls_args(pki), "--ssl-ca", str(pki.ca), "--ssl-client-verify")


def test_a_client_with_a_valid_certificate_is_served(mtls: Server, pki: Certificates) -> None:
    context = client_context(pki, pki.client_certificate)

    response = httpx.get(f"{https_url(mtls)}/greeting", verify=context, timeout=10)

    assert response.text == "hello", mtls.output()


def test_a_client_without_a_certificate_is_refused(mtls: Server, pki: Certificates) -> None:
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{https_url(mtls)}/greeting", verify=client_context(pki), timeout=10)


def test_a_client_with_a_certificate_of_another_ca_is_refused(
    mtls: Server, pki: Certificates
) -> None:
    context = client_context(pki, pki.stranger_certificate)

    with pytest.raises(httpx.TransportError):
        httpx.get(f"{https_url(mtls)}/greeting", verify=context, timeout=10)
