"""Codes people read aloud or copy by hand: the one-case access code a company without an
account answers with, and the verification code printed on an issued document. No 0/O, 1/I/L,
so that a code survives being read out or typed."""

import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

# Where a step that issues a code keeps it in plain text, in its timeline entry's data: staff
# read it there to hand it over (the case row keeps only its hash).
ACCESS_CODE_DATA_KEY = "access_code"

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ACCESS_CODE_LENGTH = 10


def new_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_access_code() -> str:
    return new_code(ACCESS_CODE_LENGTH)


def normalize_code(code: str) -> str:
    """The code without spaces or hyphens, in capitals (as it was typed, it may have them)."""
    return "".join((code or "").split()).replace("-", "").upper()


def display_code(code: str) -> str:
    """In groups of four, joined by hyphens."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def hash_access_code(*, number: str, code: str) -> str:
    """Keyed hash of a case's access code; bound to the case's number, so a code fits one case
    (the key's name is the one the first hashes were made with: stored hashes depend on it)."""
    value = f"{number}:{normalize_code(code)}"
    return salted_hmac("tenants.complaints.access_code", value, algorithm="sha256").hexdigest()


class AccessCodeHolder:
    """For a case model with `number`, `access_code_hash` and `is_open`: the code works while
    the case is open."""

    number: str
    access_code_hash: str
    is_open: bool

    def access_code_matches(self, code: str) -> bool:
        """Whether `code` is this case's access code and the code still works (the case is open)."""
        return self.access_code_hash_matches(hash_access_code(number=self.number, code=code))

    def access_code_hash_matches(self, code_hash: str) -> bool:
        """As `access_code_matches`, for the hash a session keeps instead of the code itself."""
        if not self.access_code_hash or not self.is_open:
            return False
        return constant_time_compare(self.access_code_hash, code_hash)
