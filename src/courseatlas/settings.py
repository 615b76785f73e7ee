"""One typed settings object, read from ``COURSEATLAS_*`` environment variables."""

from __future__ import annotations

from functools import cached_property
from ipaddress import ip_network
from pathlib import Path
from typing import Literal

from limits import parse_many
from pydantic import Field, field_validator, model_validator
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
    public_url: str = Field(
        default="",
        pattern=r"^(https?://[^/?#\s]+)?$",
        description="The site's public origin (`https://courses.example.org`) for canonical links "
        "and sitemaps. Empty means the origin each request arrived at.",
    )
    db_pool_size: int = Field(
        default=10,
        ge=1,
        description="Database connections kept per process; also the most blocking requests "
        "a worker runs at once.",
    )
    db_connect_timeout: float = Field(
        default=3.0,
        gt=0,
        description="Seconds to wait for a new PostgreSQL connection before answering 503.",
    )
    db_pool_timeout: float = Field(
        default=5.0,
        gt=0,
        description="Seconds a request waits for a free pooled connection before answering 503.",
    )
    redis_url: str = Field(
        default="",
        pattern=r"^(rediss?://\S+|unix://\S+)?$",
        description="Redis shared by workers and hosts (rate limits, answers, index notices). "
        "Empty: every process keeps its own.",
    )
    rate_limit_api: str = Field(
        default="600/minute", description="Requests per client to /api/; `0` turns it off."
    )
    rate_limit_pages: str = Field(
        default="600/minute", description="Requests per client to pages; `0` turns it off."
    )
    rate_limit_expensive: str = Field(
        default="60/minute",
        description="Requests per client to match, similar and sitemaps, on top of the "
        "general budget; `0` turns it off.",
    )
    rate_limit_crawlers: str = Field(
        default="3000/minute",
        description="Budget of a verified search-engine crawler (forward-confirmed reverse "
        "DNS) instead of the per-client ones; `0` turns it off.",
    )
    trusted_proxies: str = Field(
        default="127.0.0.1",
        description="Comma-separated addresses or networks whose X-Forwarded-For is believed.",
    )
    metrics_allow: str = Field(
        default="127.0.0.0/8,::1",
        description="Comma-separated networks that may read /metrics.",
    )
    semantic: bool = Field(
        default=False,
        description="Use embeddings in matching when the `semantic` extra is installed and "
        "`courseatlas embed` has run. Off by default: the lexical matcher is the default.",
    )

    @field_validator(
        "rate_limit_api", "rate_limit_pages", "rate_limit_expensive", "rate_limit_crawlers"
    )
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        if value.strip() not in {"", "0"}:
            parse_many(value)  # raises ValueError with the notation it could not read
        return value

    @field_validator("trusted_proxies", "metrics_allow")
    @classmethod
    def _networks(cls, value: str) -> str:
        for item in filter(None, (part.strip() for part in value.split(","))):
            if item != "*":
                ip_network(item, strict=False)
        return value

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
