"""The bundled demo catalog: complete, varied, and loaded without a single rejection."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from courseatlas.catalog.models import Resource, Topic
from courseatlas.db.database import Database
from courseatlas.demo import catalog_path, load_demo


def test_demo_catalog_loads_cleanly_and_reloads_unchanged(db: Database) -> None:
    first = load_demo(db)
    assert first.status == "succeeded", first.rejections[:3]
    assert catalog_path().stat().st_size < 2 * 2**20
    with db.session() as session:
        kinds = Counter(
            dict(session.execute(select(Resource.kind, func.count()).group_by(Resource.kind)).all())
        )
        fields = session.scalar(select(func.count()).where(Topic.depth == 0))
    assert kinds["course"] >= 200 and kinds["book"] >= 120
    assert fields is not None and fields >= 8
    again = load_demo(db)
    assert (
        again.counts["unchanged"]
        == first.counts["created"] + first.counts["updated"] + first.counts["unchanged"]
    )
