"""resources: a partial index of the ids not taken down

Revision ID: d2f4a6c8e013
Revises: b9fe759d0847
Create Date: 2026-12-03 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'd2f4a6c8e013'
down_revision: str | None = 'b9fe759d0847'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text('hidden_at IS NULL')


def upgrade() -> None:
    op.create_index(
        'ix_resources_live', 'resources', ['id'], sqlite_where=LIVE, postgresql_where=LIVE
    )


def downgrade() -> None:
    op.drop_index('ix_resources_live', table_name='resources')
