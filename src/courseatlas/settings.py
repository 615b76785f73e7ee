"""One typed settings object, read from ``COURSEATLAS_*`` environment variables."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-key"  # noqa: S105 - refused outside development


class Settings(BaseSettings):
    """Everything the service can be configured with; the defaults run with no setup."""

    model_config = SettingsConfigDict(env_prefix="COURSEATLAS_", extra="ignore")

    env: Literal["development", "production", "test"] = Field(
        default="development",
        description="`production` refuses to start without a real secret key.",
    )
    data_dir: Path = Field(
        default=Path("var"),
        description="Where local state lives: the SQLite file and the search index.",
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL. Empty means a SQLite file `courseatlas.db` in the data dir. "
        "`postgresql://...` URLs use the psycopg driver.",
    )
    secret_key: str = Field(
        default="",
        description="Signs sessions and tokens. Required outside development.",
    )
    log_format: Literal["console", "json", "auto"] = Field(
        default="auto",
        description="`auto` logs JSON in production and readable lines otherwise.",
    )
    log_level: str = Field(default="INFO", description="Minimum level of log events.")
    import_batch_size: int = Field(
        default=1000, ge=1, le=50_000, description="Rows upserted per transaction by imports."
    )
    search_sync_seconds: float = Field(
        default=1.0,
        ge=0,
        description="How often a web process applies catalog changes to its search index; 0 never.",
    )
    search_ready_max_lag: int = Field(
        default=50_000,
        ge=0,
        description="Catalog changes the search index may lag behind before /readyz says "
        "not ready.",
    )
    public_url: str = Field(
        default="",
        pattern=r"^(https?://[^/?#\s]+)?$",
        description="The site's public origin (`https://courses.example.org`) for canonical links "
        "and sitemaps. Empty means the origin each request arrived at.",
    )
    db_pool_size: int = Field(
        default=10, ge=1, description="PostgreSQL connections kept per process."
    )
    semantic: bool = Field(
        default=False,
        description="Use embeddings in matching when the `semantic` extra is installed and "
        "`courseatlas embed` has run. Off by default: the lexical matcher is the default.",
    )

    @model_validator(mode="after")
    def _require_secret_outside_development(self) -> Settings:
        if self.env == "production" and not self.secret_key:
            raise ValueError("COURSEATLAS_SECRET_KEY is required when COURSEATLAS_ENV=production")
        return self

    @cached_property
    def effective_secret_key(self) -> str:
        return self.secret_key or DEVELOPMENT_SECRET

    @cached_property
    def sqlalchemy_url(self) -> str:
        """The database URL with the driver this project ships with."""
        url = self.database_url or f"sqlite:///{self.data_dir / 'courseatlas.db'}"
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url.removeprefix(prefix)
        return url

    @property
    def is_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")
