"""``courseatlas careers import`` and ``courseatlas import --profile onet``, as operators run them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from courseatlas.careers.models import Career, Occupation
from courseatlas.db.database import Database
from tests.careers.onet_files import GD, write_onet
from tests.test_cli import Cli, cli  # noqa: F401 - the fixture that runs the command


def test_careers_import_bundled_and_broken_guides(cli: Cli, db: Database, tmp_path: Path) -> None:  # noqa: F811
    result = cli("careers", "import")
    assert result.returncode == 0, result.stderr
    assert "succeeded" in result.stderr
    (tmp_path / "bad.md").write_text("---\ntitle: x\n---\n")
    result = cli("careers", "import", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path / 'bad.md'}:1: slug: required" in result.stderr
    assert "Traceback" not in result.stderr
    with db.session() as session:
        assert (session.scalar(select(func.count()).select_from(Career)) or 0) >= 20


def test_import_profile_onet(cli: Cli, db: Database, tmp_path: Path) -> None:  # noqa: F811
    folder = write_onet(tmp_path / "onet", {"Job Zones.txt": [f"{GD}\t7\t08/2023\tx"]})
    result = cli("import", "--profile", "onet", str(folder))
    assert result.returncode == 2, result.stderr  # one bad row, the rest stored
    assert f"{folder / 'Job Zones.txt'}:5: Job Zone: expected 1 to 5, got '7'" in result.stderr
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Occupation)) == 4
    assert cli("import", "--profile", "onet", str(folder / "Job Zones.txt")).returncode == 1
    assert cli("import", "--profile", "onet", str(folder), str(folder)).returncode == 1
