"""The simulated iPhone's pairing identities, made at start-up: nothing secret ships with the project.

lockdown switches its connection to TLS after StartSession, with the host's certificate from the pair
record on the client side; the phone side needs a certificate of its own. Both are self-signed EC keys
(fast to make), written as PEM into the device side's private working folder for Python's ssl module.
"""

from __future__ import annotations

import datetime
import os
import ssl
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class Identity:
    certificate: bytes  # PEM
    private_key: bytes  # PEM, unencrypted: it lives only in the working folder and in memory


def make_identity(common_name: str) -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return Identity(
        certificate.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption()),
    )


@dataclass(frozen=True)
class Pairing:
    """The host's identity (handed out in the pair record) and the phone's (lockdown's TLS server)."""

    host: Identity
    device: Identity
    tls: ssl.SSLContext


def make_pairing(folder: Path) -> Pairing:
    host, device = make_identity("harness simulated host"), make_identity("harness simulated iPhone")
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, stat.S_IRWXU)
    cert_path, key_path = folder / "device-cert.pem", folder / "device-key.pem"
    for path, data in ((cert_path, device.certificate), (key_path, device.private_key)):
        path.write_bytes(b"")
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        path.write_bytes(data)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert_path, key_path)
    key_path.unlink()  # loaded: the key need not stay on disk
    return Pairing(host, device, tls)
