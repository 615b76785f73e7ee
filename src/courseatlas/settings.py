"""One typed settings object, read from ``COURSEATLAS_*`` environment variables."""

from __future__ import annotations

from functools import cached_property
from ipaddress import ip_network
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from limits import parse_many
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-key"  # noqa: S105 - refused outside development
MIN_SECRET_LENGTH = 32
# Keys anyone can read (this code, its docs, the usual placeholders): never a production key.
PUBLISHED_SECRETS = frozenset(
    {DEVELOPMENT_SECRET, "changeme", "change-me", "secret", "secret-key", "your-secret-key"}
)


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
    gc_tuning: bool = Field(
        default=True,
        description=(
            "Web workers freeze start-up objects out of the garbage collector and collect less"
            " often (import and reindex always do)."
        ),
    )
    search_threads: int = Field(
        default=3,
        ge=1,
        le=64,
        description="Searches (new API answers, search pages) a process computes at once, "
        "each in a thread; more wait their turn.",
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
    sqlite_connections: int = Field(
        default=8,
        ge=2,
        le=64,
        description="SQLite connections per process at most; requests beyond wait for one.",
    )
    sqlite_cache_mb: int = Field(
        default=64,
        ge=1,
        description="SQLite page cache per process, in MB, shared out among its connections.",
    )
    answer_cache_mb: int = Field(
        default=32,
        ge=0,
        description="Memory of the search, match and career answers a process keeps, in MB.",
    )
    semantic: bool = Field(
        default=False,
        description="Use embeddings in matching when the `semantic` extra is installed and "
        "`courseatlas embed` has run. Off by default: the lexical matcher is the default.",
    )

    smtp_url: str = Field(
        default="",
        pattern=r"^((smtp|smtps|smtp\+starttls)://\S+)?$",
        description="Where email goes: `smtp://host:port`, `smtp+starttls://user:pass@host:587` or "
        "`smtps://user:pass@host:465`. Empty writes messages to the outbox in the data dir.",
    )
    mail_from: str = Field(
        default="courseatlas <noreply@localhost>", description="The sender of every email."
    )
    session_idle_days: float = Field(
        default=14, gt=0, description="A session unused this long ends."
    )
    session_max_days: float = Field(
        default=30, gt=0, description="A session ends this long after sign-in, used or not."
    )

    operator_timezone: str = Field(
        default="UTC",
        description="The IANA time zone (`Europe/Paris`) whose days referral reports count in.",
    )
    display_currency: str = Field(
        default="USD",
        pattern=r"^[A-Z]{3}$",
        description="The ISO 4217 currency prices are shown, totalled, filtered and sorted in, "
        "converted with the rates `courseatlas rates load` keeps.",
    )
    click_recording: bool = Field(
        default=True, description="Record outbound clicks; off, `/go/` only redirects."
    )
    click_flush_seconds: float = Field(
        default=1.0, gt=0, description="How often recorded clicks are written, in one batch."
    )
    link_check_timeout: float = Field(
        default=10.0, gt=0, description="Seconds `courseatlas links check` waits for one link."
    )
    link_check_host_interval: float = Field(
        default=1.0,
        ge=0,
        description="Seconds between two requests of `courseatlas links check` to one host.",
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

    @field_validator("operator_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (an IANA name such as Europe/Paris)"
            ) from None
        return value

    @model_validator(mode="after")
    def _production_needs_a_real_secret_and_origin(self) -> Settings:
        if self.env != "production":
            return self
        if not self.secret_key:
            raise ValueError("COURSEATLAS_SECRET_KEY is required when COURSEATLAS_ENV=production")
        if self.secret_key.casefold() in PUBLISHED_SECRETS:
            raise ValueError("COURSEATLAS_SECRET_KEY is a published key: generate your own")
        if len(self.secret_key) < MIN_SECRET_LENGTH:
            raise ValueError(
                f"COURSEATLAS_SECRET_KEY needs at least {MIN_SECRET_LENGTH} characters "
                "(python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        if not self.public_url:
            raise ValueError(
                "COURSEATLAS_PUBLIC_URL is required when COURSEATLAS_ENV=production: links, "
                "redirects and the accepted Host come from it"
            )
        return self

    @property
    def public_host(self) -> str:
        """The host (and port) of the public URL; empty when none is set."""
        return self.public_url.split("://", 1)[1] if self.public_url else ""

    @property
    def connections(self) -> int:
        """Database connections a process keeps: also the most blocking requests it runs at
        once, so that none waits for a connection."""
        return self.sqlite_connections if self.is_sqlite else self.db_pool_size

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
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.operator_timezone)

    @property
    def is_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")
