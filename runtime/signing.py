"""The checkpoint signing key: an Ed25519 key made at first start, readable by its owner only.

The private key never leaves this module's object: it is not logged, not exported and
not shown. Its public half is written beside it (KEY.pub) and stored with every
checkpoint, so anyone can verify without the secret.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


class SigningKeyError(Exception):
    """The signing key file cannot be used (unreadable, malformed, or open to other users)."""


class KeySigner:
    """Signs checkpoints with the key from the file (see storage.checkpoints.Signer)."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key
        raw = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self._public_hex = raw.hex()

    def __repr__(self) -> str:
        return f"KeySigner(public_key={self._public_hex[:16]}...)"

    @property
    def public_key_hex(self) -> str:
        """The public key, hex."""
        return self._public_hex

    @property
    def fingerprint(self) -> str:
        """A short name for the public key, for people to compare."""
        return hashlib.sha256(bytes.fromhex(self._public_hex)).hexdigest()[:16]

    def sign(self, message: bytes) -> bytes:
        """An Ed25519 signature."""
        return self._key.sign(message)


def public_key_path(key_path: Path) -> Path:
    """Where the public half is written."""
    return key_path.with_name(key_path.name + ".pub")


def load_or_create(key_path: Path) -> KeySigner:
    """The signer for the key at key_path, making the key (mode 0600) if there is none."""
    key_path = Path(key_path)
    if not key_path.exists():
        return _create(key_path)
    mode = stat.S_IMODE(key_path.stat().st_mode)
    if mode & 0o077:
        raise SigningKeyError(
            f"the signing key {key_path} can be read by other users (mode {mode:o}); run: chmod 600 {key_path}"
        )
    try:
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError) as error:
        raise SigningKeyError(f"the signing key {key_path} cannot be read: {error.__class__.__name__}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"the signing key {key_path} is not an Ed25519 key")
    signer = KeySigner(key)
    _write_public(key_path, signer)
    return signer


def read_public_key(path: Path) -> str:
    """A published public key (hex, as written beside the key)."""
    text = Path(path).read_text(encoding="ascii").strip()
    try:
        if len(bytes.fromhex(text)) != 32:
            raise ValueError
    except ValueError:
        raise SigningKeyError(f"{path} does not hold an Ed25519 public key in hex") from None
    return text


def _create(key_path: Path) -> KeySigner:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    key_path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole under a name of its own, then linked in place: a process starting at the same time
    # (several instances on one database) sees no key or a whole key, never an empty file.
    draft = key_path.with_name(f"{key_path.name}.{os.getpid()}.new")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
        os.chmod(draft, 0o600)
        try:
            os.link(draft, key_path)
        except FileExistsError:
            return load_or_create(key_path)  # another process made it first
    finally:
        draft.unlink(missing_ok=True)
    signer = KeySigner(key)
    _write_public(key_path, signer)
    return signer


def _write_public(key_path: Path, signer: KeySigner) -> None:
    public = public_key_path(key_path)
    if not public.exists() or public.read_text(encoding="ascii").strip() != signer.public_key_hex:
        public.write_text(signer.public_key_hex + "\n", encoding="ascii")
