"""Settings: defaults that run with no setup, and every setting documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from courseatlas.settings import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`COURSEATLAS_{name.upper()}`" in text, f"COURSEATLAS_{name.upper()} undocumented"


def test_defaults_use_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.sqlalchemy_url == f"sqlite:///{tmp_path / 'courseatlas.db'}"
    assert settings.is_sqlite


def test_postgres_urls_use_psycopg() -> None:
    settings = Settings(database_url="postgresql://u@h:5432/db")
    assert settings.sqlalchemy_url == "postgresql+psycopg://u@h:5432/db"
    assert not settings.is_sqlite


PUBLIC = "https://courses.example.org"
GOOD_KEY = "kq3J0v6bX2Yt9wR4mZ8pL1sD7fH5gN0c"


def test_production_requires_a_secret() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY is required"):
        Settings(env="production", public_url=PUBLIC)
    settings = Settings(env="production", secret_key=GOOD_KEY, public_url=PUBLIC)
    assert settings.effective_secret_key == GOOD_KEY


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("s3cret", "at least 32 characters"),
        ("development-only-secret-key", "published key"),
        ("CHANGEME", "published key"),
    ],
)
def test_production_refuses_a_short_or_published_key(key: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        Settings(env="production", secret_key=key, public_url=PUBLIC)


def test_production_requires_the_public_url() -> None:
    with pytest.raises(ValidationError, match="COURSEATLAS_PUBLIC_URL is required"):
        Settings(env="production", secret_key=GOOD_KEY)
