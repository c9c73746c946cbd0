"""X.509 v3 certificates written for a test: a CA, a server certificate for 127.0.0.1 and
localhost, and a client certificate, with PKCS#8 keys (the only keys Granian reads)."""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["Certificates", "write_certificates", "write_pkcs1_key"]

_PKCS8 = serialization.PrivateFormat.PKCS8
_PEM = serialization.Encoding.PEM


@dataclass(frozen=True)
class Certificates:
    """The files of one test PKI."""

    ca: Path
    server_certificate: Path
    server_key: Path
    client_certificate: Path
    client_key: Path
    stranger_certificate: Path
    stranger_key: Path


def write_certificates(folder: Path) -> Certificates:
    """A CA, a server and a client certificate it signs, and a client it did not sign."""
    folder.mkdir(parents=True, exist_ok=True)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _authority(ca_key, "Orionis Test CA")
    stranger_ca_key = ec.generate_private_key(ec.SECP256R1())
    stranger_ca = _authority(stranger_ca_key, "Stranger CA")
    files = {
        "ca": _write(folder / "ca.pem", ca.public_bytes(_PEM)),
        **_leaf(folder, "server", (ca, ca_key), ExtendedKeyUsageOID.SERVER_AUTH),
        **_leaf(folder, "client", (ca, ca_key), ExtendedKeyUsageOID.CLIENT_AUTH),
        **_leaf(
            folder, "stranger", (stranger_ca, stranger_ca_key), ExtendedKeyUsageOID.CLIENT_AUTH
        ),
    }
    return Certificates(**files)


def write_pkcs1_key(path: Path) -> Path:
    """An RSA key in the PKCS#1 format (``BEGIN RSA PRIVATE KEY``) that Granian cannot read."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    traditional = serialization.PrivateFormat.TraditionalOpenSSL
    return _write(path, key.private_bytes(_PEM, traditional, serialization.NoEncryption()))


def _authority(key: ec.EllipticCurvePrivateKey, name: str) -> x509.Certificate:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    builder = _builder(subject, subject, key.public_key())
    builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )
    return builder.add_extension(usage, critical=True).sign(key, hashes.SHA256())


def _leaf(
    folder: Path,
    name: str,
    issuer: tuple[x509.Certificate, ec.EllipticCurvePrivateKey],
    usage: x509.ObjectIdentifier,
) -> dict[str, Path]:
    authority, authority_key = issuer
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    certificate = (
        _builder(subject, authority.subject, key.public_key())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .sign(authority_key, hashes.SHA256())
    )
    key_pem = key.private_bytes(_PEM, _PKCS8, serialization.NoEncryption())
    return {
        f"{name}_certificate": _write(folder / f"{name}.pem", certificate.public_bytes(_PEM)),
        f"{name}_key": _write(folder / f"{name}.key", key_pem),
    }


def _builder(
    subject: x509.Name, issuer: x509.Name, public_key: ec.EllipticCurvePublicKey
) -> x509.CertificateBuilder:
    now = datetime.datetime.now(datetime.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
    )


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
