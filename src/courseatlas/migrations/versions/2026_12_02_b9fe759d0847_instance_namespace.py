"""instance namespace

Revision ID: b9fe759d0847
Revises: e5b7c3a9d412
Create Date: 2026-12-02 16:31:02.596630
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'b9fe759d0847'
down_revision: str | None = 'e5b7c3a9d412'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('instance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('namespace', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instance'))
    )


def downgrade() -> None:
    op.drop_table('instance')
