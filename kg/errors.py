"""The one exception tree of kg.

Library code raises these; the edges translate them: ``kg/cli.py`` prints a
one-line message and exits non-zero, the API answers ``application/problem+json``.
Nothing below the edges prints or exits.

    KgError
    ├── InputError              a source file cannot be loaded as a whole (exit 2)
    │   ├── EncodingError       bytes are not in the layout's encoding
    │   ├── HeaderError         missing / unexpected / duplicate columns
    │   ├── FileFormatError     empty, truncated, binary, several sheets, merged cells
    │   └── MappingError        a mapping file is malformed
    ├── ConfigError             unsafe or inconsistent configuration (exit 3)
    ├── StoreError              the store failed (exit 4)
    │   ├── StoreUnavailable    Neo4j (or the SQLite file) cannot be reached
    │   └── ConflictError       a write broke a uniqueness rule
    ├── NotFoundError           an entity, record or token does not exist (exit 5)
    ├── CurationError           a must-link / cannot-link decision contradicts another (exit 6)
    └── AuthError               missing, unknown or revoked credentials; role not allowed (exit 7)
"""

from __future__ import annotations


class KgError(Exception):
    """Root of kg's errors. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class InputError(KgError):
    exit_code = 2


class EncodingError(InputError):
    pass


class HeaderError(InputError):
    pass


class FileFormatError(InputError):
    pass


class MappingError(InputError):
    pass


class ConfigError(KgError):
    exit_code = 3


class StoreError(KgError):
    exit_code = 4


class StoreUnavailable(StoreError):
    pass


class ConflictError(StoreError):
    pass


class NotFoundError(KgError):
    exit_code = 5


class CurationError(KgError):
    exit_code = 6


class AuthError(KgError):
    exit_code = 7
