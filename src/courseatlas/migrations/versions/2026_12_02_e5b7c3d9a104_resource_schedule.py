"""resource pace and start date

Revision ID: e5b7c3d9a104
Revises: 9d3f1c2a6e58
Create Date: 2026-12-02 08:00:00.000000

Plain ``ADD COLUMN`` on both databases, never a batch copy of ``resources``: on SQLite that
drops the old table, and with foreign keys on, dropping it deletes every row that refers to
it (skills, topics, credits, list items).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'e5b7c3d9a104'
down_revision: str | None = '9d3f1c2a6e58'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PACE_CHECK = "pace IS NULL OR pace IN ('self-paced', 'scheduled')"


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':  # no ADD CONSTRAINT: the check goes with the column
        op.execute(
            'ALTER TABLE resources ADD COLUMN pace VARCHAR(12) '
            f'CONSTRAINT ck_resources_pace CHECK ({PACE_CHECK})'
        )
    else:
        op.add_column('resources', sa.Column('pace', sa.String(length=12), nullable=True))
        op.create_check_constraint(op.f('ck_resources_pace'), 'resources', PACE_CHECK)
    op.add_column('resources', sa.Column('starts_on', sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column('resources', 'starts_on')
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint(op.f('ck_resources_pace'), 'resources', type_='check')
    op.drop_column('resources', 'pace')
