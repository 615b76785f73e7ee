"""search replicas

Revision ID: 5e4c1a7b9d20
Revises: 7c1e5a9d2b40
Create Date: 2026-12-01 22:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5e4c1a7b9d20'
down_revision: str | None = '7c1e5a9d2b40'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('search_replicas',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('floor', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_search_replicas'))
    )


def downgrade() -> None:
    op.drop_table('search_replicas')
