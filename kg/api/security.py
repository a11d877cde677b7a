"""API tokens, the server pepper, principals and per-token rate limits.

Why HMAC-SHA256 with a pepper (and not scrypt / bcrypt): tokens are 256-bit
random strings from ``secrets.token_urlsafe(32)``, so nobody can brute-force
them offline whatever the hash speed; slow hashes protect *low*-entropy
passwords and would cost ~50 ms on every API call. The pepper
(``KG_TOKEN_PEPPER``) lives in the environment, not in the SQLite file, so a
stolen ledger copy holds hashes that cannot even be checked against a guessed
token. Lookup is by the hash itself (an indexed equality), so there is no
per-character timing to compare. Rotating the pepper invalidates every token.

Example::

    store = TokenStore(db, pepper)
    secret = store.create("alice", Role.CASEWORKER)   # shown once, never stored
    store.authenticate(secret).role                   # Role.CASEWORKER
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kg.api.db import ApiDb
from kg.api.permissions import Permission, Role, permissions_of
from kg.api.problems import PermissionDeniedError, RateLimitedError
from kg.errors import AuthError, ConfigError, NotFoundError
from kg.settings import Settings

TOKEN_PREFIX = "kg_"
MIN_PEPPER_LENGTH = 32
# Fragments of placeholder values people paste from examples; a real pepper has none.
_DEFAULT_FRAGMENTS = (
    "changeme",
    "change-me",
    "change_me",
    "changethis",
    "replace-me",
    "replaceme",
    "example",
    "default",
    "secret",
    "password",
    "xxxxxxxx",
)


def check_api_settings(settings: Settings) -> list[str]:
    """Every reason the settings are unsafe for serving (empty list = safe)."""
    problems: list[str] = []
    pepper = settings.kg_token_pepper.get_secret_value() if settings.kg_token_pepper else ""
    if not pepper.strip():
        problems.append(
            "KG_TOKEN_PEPPER is not set; generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`"
        )
    else:
        if len(pepper) < MIN_PEPPER_LENGTH:
            problems.append(
                f"KG_TOKEN_PEPPER is {len(pepper)} characters; use at least {MIN_PEPPER_LENGTH}"
            )
        lowered = pepper.lower()
        if any(fragment in lowered for fragment in _DEFAULT_FRAGMENTS):
            problems.append("KG_TOKEN_PEPPER looks like a placeholder or default value")
        if len(set(pepper)) < 8:
            problems.append("KG_TOKEN_PEPPER has too few distinct characters to be random")
    if "*" in settings.kg_cors_origins:
        problems.append("KG_CORS_ORIGINS must list origins explicitly, not '*'")
    return problems


def require_safe_settings(settings: Settings) -> str:
    """Return the pepper, or raise ``ConfigError`` listing every problem at once."""
    problems = check_api_settings(settings)
    if problems:
        raise ConfigError("unsafe API configuration: " + "; ".join(problems))
    assert settings.kg_token_pepper is not None
    return settings.kg_token_pepper.get_secret_value()


def hash_token(pepper: str, token: str) -> str:
    return hmac.new(pepper.encode(), token.encode(), hashlib.sha256).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the token's name, role and (for ``department``) department."""

    name: str
    role: Role
    department: str | None = None

    def can(self, permission: Permission) -> bool:
        return permission in permissions_of(self.role)

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDeniedError(f"role '{self.role}' may not use {permission}")


@dataclass(frozen=True)
class TokenInfo:
    name: str
    role: Role
    department: str | None
    created_at: str
    expires_at: str | None
    revoked_at: str | None


class TokenStore:
    """Create, list, revoke and check tokens in ``api_tokens``; only hashes are stored."""

    def __init__(self, db: ApiDb, pepper: str) -> None:
        self._db = db
        self._pepper = pepper

    def create(
        self, name: str, role: Role, department: str | None = None, expires_days: int | None = None
    ) -> str:
        """Store a new token and return its secret (the only time it exists in clear)."""
        name = name.strip()
        if not name or len(name) > 64 or not name.isprintable():
            raise ConfigError("token name must be 1-64 printable characters")
        if role is Role.DEPARTMENT and not department:
            raise ConfigError("a department token needs --department")
        if role is not Role.DEPARTMENT and department:
            raise ConfigError("--department is only for role 'department'")
        if expires_days is not None and expires_days < 1:
            raise ConfigError("--expires must be at least 1 day")
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        created = _now()
        expires = created + timedelta(days=expires_days) if expires_days else None
        try:
            with self._db.transaction() as conn:
                conn.execute(
                    "INSERT INTO api_tokens (name, token_hash, role, department, created_at,"
                    " expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        name,
                        hash_token(self._pepper, secret),
                        role.value,
                        department,
                        created.isoformat(),
                        expires.isoformat() if expires else None,
                    ),
                )
        except sqlite3.IntegrityError as exc:
            raise ConfigError(f"a live token named '{name}' already exists") from exc
        return secret

    def revoke(self, name: str) -> None:
        with self._db.transaction() as conn:
            cur = conn.execute(
                "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                (_now().isoformat(), name),
            )
        if cur.rowcount == 0:
            raise NotFoundError(f"no live token named '{name}'")

    def list(self) -> list[TokenInfo]:
        rows = self._db.query(
            "SELECT name, role, department, created_at, expires_at, revoked_at"
            " FROM api_tokens ORDER BY name, id"
        )
        return [
            TokenInfo(
                r["name"],
                Role(r["role"]),
                r["department"],
                r["created_at"],
                r["expires_at"],
                r["revoked_at"],
            )
            for r in rows
        ]

    def authenticate(self, secret: str) -> Principal:
        """The principal for a presented token; ``AuthError`` for anything not live."""
        if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
            raise AuthError("the token is not valid (unknown, revoked or expired)")
        rows = self._db.query(
            "SELECT name, role, department, expires_at, revoked_at FROM api_tokens"
            " WHERE token_hash = ?",
            (hash_token(self._pepper, secret),),
        )
        if not rows:
            raise AuthError("the token is not valid (unknown, revoked or expired)")
        row = rows[0]
        expired = (
            row["expires_at"] is not None and datetime.fromisoformat(row["expires_at"]) <= _now()
        )
        if row["revoked_at"] is not None or expired:
            raise AuthError("the token is not valid (unknown, revoked or expired)")
        return Principal(row["name"], Role(row["role"]), row["department"])


class RateLimiter:
    """Token bucket per API token, in memory, per process.

    Why in memory: kg runs one or a few workers on one host; a shared store
    (Redis) would add a dependency for a limit whose job is to stop a runaway
    script, not to meter billing. With ``--workers N`` the effective limit is N
    times the setting; documented in ``docs/api.md``.
    """

    def __init__(
        self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> None:
        """Take one request from ``key``'s bucket or raise ``RateLimitedError``."""
        with self._lock:
            now = self._clock()
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                wait = math.ceil((1.0 - tokens) / self.rate)
                raise RateLimitedError("rate limit exceeded for this token", retry_after=wait)
            self._buckets[key] = (tokens - 1.0, now)
