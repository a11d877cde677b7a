"""Configuration from the environment, read once per process.

Why a function and not a module-level ``settings = Settings()``: tests and the API
override it (``get_settings.cache_clear()``, FastAPI ``dependency_overrides``), and
nothing is read from the environment at import time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting kg reads. Environment names are the field names upper-cased."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    kg_home: Path = Field(default_factory=Path.cwd, description="Directory of the embedded store.")
    neo4j_uri: str | None = Field(
        default=None, description="bolt:// or neo4j:// URI; unset = embedded store."
    )
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str = "neo4j"

    # --- API (kg/api) ---
    kg_token_pepper: SecretStr | None = Field(
        default=None,
        description="Server-side secret mixed into API token hashes (>= 32 chars, not a default).",
    )
    kg_department_policy: Path | None = Field(
        default=None, description="TOML file: per-department allowed person fields and unmasking."
    )
    kg_rate_limit_per_minute: float = Field(
        default=120.0, gt=0, description="Sustained requests per minute per API token."
    )
    kg_rate_limit_burst: int = Field(
        default=30, ge=1, description="Requests a token may send at once before throttling."
    )
    kg_audit_sync: Literal["full", "normal"] = Field(
        default="full",
        description=(
            "full: an audit row is fsync'd before the answer leaves (survives power loss);"
            " normal: it is in the operating system before the answer leaves (survives a"
            " crash of kg, not of the machine) — about twice the profile throughput here."
        ),
    )
    kg_max_body_bytes: int = Field(
        default=1_048_576, ge=1, description="Largest accepted request body (413 above)."
    )
    kg_cors_origins: list[str] = Field(
        default_factory=list, description="Browser origins allowed by CORS; empty = CORS off."
    )

    @property
    def ledger_path(self) -> Path:
        """The SQLite file: records, loads, rejects, resolution state and the embedded graph."""
        return self.kg_home / "kg.sqlite"

    @property
    def uses_neo4j(self) -> bool:
        return bool(self.neo4j_uri)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
