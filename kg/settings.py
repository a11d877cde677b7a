"""Configuration from the environment, read once per process.

Why a function and not a module-level ``settings = Settings()``: tests and the API
override it (``get_settings.cache_clear()``, FastAPI ``dependency_overrides``), and
nothing is read from the environment at import time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting kg reads. Environment names are the field names upper-cased."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    kg_home: Path = Field(default_factory=Path.cwd, description="Directory of the embedded store.")
    neo4j_uri: str | None = Field(default=None, description="bolt:// or neo4j:// URI; unset = embedded store.")
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str = "neo4j"

    @property
    def ledger_path(self) -> Path:
        """The SQLite file holding records, loads, rejects, resolution state and (embedded) graph."""
        return self.kg_home / "kg.sqlite"

    @property
    def uses_neo4j(self) -> bool:
        return bool(self.neo4j_uri)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
