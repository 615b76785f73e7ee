"""Writes batches of validated records into the catalog: dedupe, merge, upsert, change log."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, select, update
from sqlalchemy.orm import Session, undefer

from courseatlas.catalog.credits import credits_of
from courseatlas.catalog.models import (
    Resource,
    ResourceContribution,
    ResourceCredit,
    ResourceSkill,
    ResourceTopic,
)
from courseatlas.catalog.names import Vocabulary
from courseatlas.db.base import Base, utcnow
from courseatlas.db.bulk import bulk_insert
from courseatlas.ingest.changelog import SearchChange
from courseatlas.ingest.merge import merge_rows
from courseatlas.ingest.runs import CREATED, UNCHANGED, UPDATED
from courseatlas.ingest.validate import PreparedRow, resource_columns
from courseatlas.text import slugify


@dataclass
class _Pending:
    """A resource this batch creates."""

    key: str
    rows: list[PreparedRow]
    hashes: list[str]

    def add(self, row: PreparedRow) -> str:
        """Another row with the same identity in this batch."""
        if row.row_hash in self.hashes:
            return UNCHANGED
        self.rows.append(row)
        self.hashes.append(row.row_hash)
        return UPDATED

    def merged(self) -> PreparedRow:
        """The rows merged into one; a single row as the worker prepared it."""
        if len(self.rows) == 1:
            return self.rows[0]
        return PreparedRow.of(self.key, merge_rows([row.data for row in self.rows]))


class CatalogWriter:
    """Upserts batches for one feed within one import run; the caller owns the transaction."""

    def __init__(self, session: Session, feed: str, run_id: int) -> None:
        self.session = session
        self.feed = feed
        self.run_id = run_id
        self.vocabulary = Vocabulary(session)

    def write(self, rows: list[PreparedRow]) -> Counter[str]:
        keys = list(dict.fromkeys(row.identity_key for row in rows))
        existing = self._existing(keys)
        mine = self._contributions(list(existing.values()))
        counts: Counter[str] = Counter()
        pending: dict[str, _Pending] = {}
        dirty: dict[int, int] = Counter()
        for row in rows:
            key = row.identity_key
            if key in pending:
                counts[pending[key].add(row)] += 1
            elif key in existing:
                contribution = mine.get(existing[key])
                if self._absorb(existing[key], contribution, row.data, row.row_hash, mine):
                    dirty[existing[key]] += 1
                else:
                    counts[UNCHANGED] += 1
            else:
                pending[key] = _Pending(key, [row], [row.row_hash])
        changed = self._refresh(list(dirty))
        for resource_id, n_rows in dirty.items():
            counts[UPDATED if resource_id in changed else UNCHANGED] += n_rows
        self._create(list(pending.values()))
        counts[CREATED] += len(pending)
        self._log_changes(sorted(changed))
        return counts

    def _existing(self, keys: list[str]) -> dict[str, int]:
        query = select(Resource.identity_key, Resource.id).where(Resource.identity_key.in_(keys))
        return dict(self.session.execute(query).all())

    def _contributions(self, resource_ids: list[int]) -> dict[int, ResourceContribution]:
        query = select(ResourceContribution).where(
            ResourceContribution.resource_id.in_(resource_ids),
            ResourceContribution.feed == self.feed,
        )
        return {c.resource_id: c for c in self.session.scalars(query)}

    def _absorb(
        self,
        resource_id: int,
        contribution: ResourceContribution | None,
        data: dict[str, Any],
        row_hash: str,
        mine: dict[int, ResourceContribution],
    ) -> bool:
        """Fold a row into this feed's contribution; False when the row was already there."""
        if contribution is None:
            mine[resource_id] = ResourceContribution(
                resource_id=resource_id,
                feed=self.feed,
                run_id=self.run_id,
                row_hashes=[row_hash],
                data=data,
            )
            self.session.add(mine[resource_id])
            return True
        if row_hash in contribution.row_hashes:
            return False
        if contribution.run_id == self.run_id:  # A second row of this run: merge, do not replace.
            contribution.data = merge_rows([contribution.data, data])
            contribution.row_hashes = [*contribution.row_hashes, row_hash]
        else:  # The feed changed this row since the last run.
            contribution.data, contribution.row_hashes = data, [row_hash]
            contribution.run_id = self.run_id
        return True

    def _refresh(self, resource_ids: list[int]) -> set[int]:
        """Recompute resources from all their contributions; returns the ids that changed."""
        if not resource_ids:
            return set()
        self.session.flush()
        contributions: dict[int, list[ResourceContribution]] = {}
        query = (
            select(ResourceContribution)
            .where(ResourceContribution.resource_id.in_(resource_ids))
            .order_by(ResourceContribution.feed)
            .options(undefer(ResourceContribution.data_json))
        )
        for c in self.session.scalars(query):
            contributions.setdefault(c.resource_id, []).append(c)
        hashes = dict(
            self.session.execute(
                select(Resource.id, Resource.content_hash).where(Resource.id.in_(resource_ids))
            ).all()
        )
        changed = []
        for rid, items in contributions.items():
            merged = merge_rows([c.data for c in items])
            columns = self._columns(merged)
            if columns["content_hash"] != hashes[rid]:
                changed.append((rid, merged, {"id": rid, **columns, "updated_at": utcnow()}))
        if changed:
            self.session.execute(update(Resource), [values for _, _, values in changed])
            self._link([(rid, merged) for rid, merged, _ in changed], replace=True)
        return {rid for rid, _, _ in changed}

    def _create(self, pending: list[_Pending]) -> None:
        if not pending:
            return
        merged = [item.merged() for item in pending]
        slugs = self._allocate_slugs(pending, [row.data for row in merged])
        values = [
            {**self._columns(row.data, row.columns), "identity_key": item.key, "slug": slug}
            for item, row, slug in zip(pending, merged, slugs, strict=True)
        ]
        # A plain executemany, then one lookup: SQLite cannot return ids in order from a batch.
        bulk_insert(self.session, _table(Resource), values)
        found = self._existing([item.key for item in pending])
        ids = [found[item.key] for item in pending]
        contributions = [
            {
                "resource_id": rid,
                "feed": self.feed,
                "run_id": self.run_id,
                "row_hashes": item.hashes,
                "data_json": row.encoded,
            }
            for rid, item, row in zip(ids, pending, merged, strict=True)
        ]
        bulk_insert(self.session, _table(ResourceContribution), contributions)
        self._link([(rid, row.data) for rid, row in zip(ids, merged, strict=True)], replace=False)
        self._log_changes(ids)

    def _log_changes(self, resource_ids: Sequence[int]) -> None:
        if resource_ids:
            rows = [{"resource_id": rid} for rid in resource_ids]
            bulk_insert(self.session, _table(SearchChange), rows)

    def _columns(
        self, data: dict[str, Any], columns: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Column values of a resource; the provider is looked up (or created) here."""
        columns = dict(columns or resource_columns(data))
        provider = data.get("provider")
        columns["provider_id"] = self.vocabulary.provider_id(provider) if provider else None
        return columns

    def _link(self, resources: list[tuple[int, dict[str, Any]]], replace: bool) -> None:
        """Write the skill and topic links of these resources, replacing any they had."""
        if replace:
            ids = [rid for rid, _ in resources]
            self.session.execute(delete(ResourceSkill).where(ResourceSkill.resource_id.in_(ids)))
            self.session.execute(delete(ResourceTopic).where(ResourceTopic.resource_id.in_(ids)))
            self.session.execute(delete(ResourceCredit).where(ResourceCredit.resource_id.in_(ids)))
        # Create the batch's new skills in one go before linking resource by resource.
        self.vocabulary.skill_ids(name for _, data in resources for name in data.get("skills", []))
        skills = [
            {"resource_id": rid, "skill_id": sid, "weight": 1.0}
            for rid, data in resources
            for sid in self.vocabulary.skill_ids(data.get("skills", []))
        ]
        topics = [
            {"resource_id": rid, "topic_id": tid}
            for rid, data in resources
            for tid in dict.fromkeys(self.vocabulary.topic_id(p) for p in data.get("topics", []))
        ]
        if skills:
            bulk_insert(self.session, _table(ResourceSkill), skills)
        if topics:
            bulk_insert(self.session, _table(ResourceTopic), topics)
        credits = [
            {"resource_id": rid, "role": role, "slug": slug, "name": name}
            for rid, data in resources
            for role, slug, name in credits_of(data)
        ]
        if credits:
            bulk_insert(self.session, _table(ResourceCredit), credits)

    def _allocate_slugs(self, pending: list[_Pending], merged: list[dict[str, Any]]) -> list[str]:
        """A readable slug per new resource: the title, else title + provider, else + a hash."""
        options = [
            _slug_options(item.key, data) for item, data in zip(pending, merged, strict=True)
        ]
        bases = [opts[0] for opts in options]
        taken = self._taken_slugs(bases)
        if taken or len(set(bases)) < len(bases):  # Only then are the other options needed.
            taken |= self._taken_slugs([slug for opts in options for slug in opts[1:]])
        chosen = []
        for opts in options:
            slug = next((s for s in opts if s not in taken), opts[-1])
            taken.add(slug)
            chosen.append(slug)
        return chosen

    def _taken_slugs(self, slugs: list[str]) -> set[str]:
        return set(self.session.scalars(select(Resource.slug).where(Resource.slug.in_(slugs))))


def _table(model: type[Base]) -> Table:
    """The model's table, for Core statements: bulk writes skip the ORM's bookkeeping."""
    return Base.metadata.tables[model.__tablename__]


def _slug_options(identity_key: str, data: dict[str, Any]) -> list[str]:
    base = slugify(data["title"])
    digest = hashlib.sha256(identity_key.encode()).hexdigest()[:8]
    options = [base]
    if data.get("provider"):
        options.append(f"{base}-{slugify(data['provider'], max_length=40)}")
    options.append(f"{base}-{digest}")
    return options
