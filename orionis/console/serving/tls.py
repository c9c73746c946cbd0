"""Checks of the TLS files before Granian reads them, for errors Granian reports poorly."""

from __future__ import annotations

import shlex
from pathlib import Path

from orionis.console.serving.errors import ServeError

__all__ = ["check_private_key", "check_tls_options"]

# PEM headers of keys in the "traditional" formats; Granian (rustls) reads PKCS#8 only.
_TRADITIONAL = {
    "-----BEGIN RSA PRIVATE KEY-----": "a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY)",
    "-----BEGIN EC PRIVATE KEY-----": "a SEC1 EC key (BEGIN EC PRIVATE KEY)",
}
# Headers sit at the top of a PEM file; a few KB covers leading comments and certificates.
_HEAD_BYTES = 8192


def check_private_key(path: Path) -> None:
    """Raise `ServeError` with the openssl conversion command when ``path`` is not PKCS#8."""
    head = path.read_bytes()[:_HEAD_BYTES].decode("ascii", errors="replace")
    for header, kind in _TRADITIONAL.items():
        if header in head:
            converted = path.with_name(f"{path.stem}.pkcs8{path.suffix or '.pem'}")
            command = shlex.join(
                ["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", str(path), "-out", str(converted)]
            )
            raise ServeError(
                f"The TLS key {path} is {kind}, but Granian reads PKCS#8 keys only "
                f"(BEGIN PRIVATE KEY). Convert it with:\n    {command}\n"
                f"then serve with --ssl-keyfile {shlex.quote(str(converted))}."
            )


def check_tls_options(
    certificate: Path | None, keyfile: Path | None, ca: Path | None, client_verify: bool
) -> None:
    """Refuse the combinations Granian would silently serve without TLS or without mTLS."""
    if (certificate is None) != (keyfile is None):
        given, missing = (
            ("--ssl-certificate", "--ssl-keyfile")
            if keyfile is None
            else ("--ssl-keyfile", "--ssl-certificate")
        )
        raise ServeError(
            f"{given} was given without {missing}: Granian would serve plain HTTP. Pass both "
            "(or set GRANIAN_SSL_CERTIFICATE and GRANIAN_SSL_KEYFILE)."
        )
    if client_verify and ca is None:
        raise ServeError(
            "--ssl-client-verify needs --ssl-ca, the CA certificate that signs the client "
            "certificates: without it Granian would accept every client. Pass --ssl-ca PATH "
            "(or set GRANIAN_SSL_CA)."
        )
    if ca is not None and certificate is None:
        raise ServeError(
            "--ssl-ca was given without --ssl-certificate and --ssl-keyfile: client "
            "certificates are only checked over HTTPS. Pass the server's certificate and key too."
        )
    if keyfile is not None:
        check_private_key(keyfile)
