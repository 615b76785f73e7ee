"""The ``courseatlas`` command as operators run it: exit codes and messages, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from courseatlas.db.database import Database
from tests.helpers import cli_environment, count_resources, course, run_cli, write_jsonl

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(db: Database) -> Cli:
    def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return run_cli(cli_environment(db, **env), *args)

    return run


def test_import_exit_codes_and_report(cli: Cli, db: Database, tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", course(1), course(2))
    result = cli("import", str(good))
    assert result.returncode == 0, result.stderr
    assert "succeeded" in result.stderr and "Traceback" not in result.stderr

    warned = write_jsonl(tmp_path / "warned.jsonl", course(3), course(4, rating=9))
    result = cli("import", str(warned))
    assert result.returncode == 3
    assert (
        f"WARNING: {warned}:2: rating: a rating is between 0 and 5, got 9; stored without it"
        in result.stderr
    )
    assert "stored, with warnings" in result.stderr

    partial = write_jsonl(tmp_path / "partial.jsonl", course(5), course(6, url="ftp://x"))
    result = cli("import", str(partial))
    assert result.returncode == 2
    assert f"{partial}:2: url: only http and https URLs are accepted" in result.stderr

    bad = write_jsonl(tmp_path / "bad.jsonl", {"kind": "course"})
    result = cli("import", str(bad))
    assert result.returncode == 1
    assert f"{bad}:1: title: required" in result.stderr
    assert count_resources(db) == 5


def test_missing_file_and_unknown_profile(cli: Cli, tmp_path: Path) -> None:
    missing = cli("import", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 1
    assert "nope.jsonl:0: file: cannot read: No such file or directory" in missing.stderr
    unknown = cli("import", "--profile", "nonsense", str(tmp_path / "x.csv"))
    assert unknown.returncode == 1
    assert "unknown profile 'nonsense'" in unknown.stderr
    assert "Traceback" not in missing.stderr + unknown.stderr


def test_db_upgrade(cli: Cli) -> None:
    result = cli("db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert "is up to date" in result.stderr


def test_production_needs_a_secret_key(cli: Cli) -> None:
    result = cli("db", "upgrade", COURSEATLAS_ENV="production", COURSEATLAS_SECRET_KEY="")
    assert result.returncode == 1
    assert "COURSEATLAS_SECRET_KEY is required" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_is_reported(cli: Cli) -> None:
    result = cli("db", "upgrade", COURSEATLAS_IMPORT_BATCH_SIZE="lots")
    assert result.returncode == 1
    assert "import_batch_size" in result.stderr
    assert "Traceback" not in result.stderr


def _new_data_dir_environment(folder: Path, **extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("COURSEATLAS_")}
    return {**environment, "COURSEATLAS_DATA_DIR": str(folder), "COLUMNS": "200", **extra}


def test_a_command_on_a_new_data_dir_migrates_first(tmp_path: Path) -> None:
    environment = _new_data_dir_environment(tmp_path / "var")
    listed = run_cli(environment, "users", "list")
    assert listed.returncode == 0, listed.stderr
    assert "email" in listed.stdout and "Traceback" not in listed.stderr
    passphrase = "a fresh passphrase here\n"
    create = ("users", "create", "new@example.org", "--password-stdin")
    created = run_cli(environment, *create, stdin=passphrase)
    assert created.returncode == 0, created.stderr
    assert "new@example.org" in run_cli(environment, "users", "list").stdout


@pytest.mark.parametrize("command", [("stats",), ("users", "list"), ("rates", "show")])
def test_an_unreachable_database_is_one_clear_line(tmp_path: Path, command: tuple[str]) -> None:
    # Port 1 on this host: nothing listens there, the connection is refused at once.
    unreachable = "postgresql://postgres@127.0.0.1:1/courseatlas"
    environment = _new_data_dir_environment(tmp_path, COURSEATLAS_DATABASE_URL=unreachable)
    result = run_cli(environment, *command)
    assert result.returncode == 1
    assert "error: the database cannot be used: connection failed" in result.stderr
    assert "Connection refused" in result.stderr and "Traceback" not in result.stderr


# Ctrl-C at the moment the commands are being imported: an import hook raises it there.
_CTRL_C_WHILE_STARTING = """
import sys

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "courseatlas.cli.app":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, CtrlC())
from courseatlas.cli import main
main()
"""


def test_ctrl_c_while_starting_up_exits_130_without_a_traceback(tmp_path: Path) -> None:
    environment = _new_data_dir_environment(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_STARTING],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 130
    assert result.stderr == ""
