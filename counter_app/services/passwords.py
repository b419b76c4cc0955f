"""Password and PIN hashing with Argon2id (memory-hard). Clear text is never stored or logged."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# Interactive-login strength. The demo's bulk build hashes service passwords with a lighter
# profile (see demo.py) because it makes a million of them; the check is the same.
_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
_light = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def hash_password(secret: str) -> str:
    return _hasher.hash(secret)


def hash_light(secret: str) -> str:
    return _light.hash(secret)


def verify_password(stored: str, secret: str) -> bool:
    if not stored:
        return False
    try:
        return _hasher.verify(stored, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
