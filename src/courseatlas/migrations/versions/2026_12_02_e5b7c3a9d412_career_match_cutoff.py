"""career match cutoff and ranked candidates

Revision ID: e5b7c3a9d412
Revises: e5b7c3d9a104
Create Date: 2026-12-02 08:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'e5b7c3a9d412'
down_revision: str | None = 'e5b7c3d9a104'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('career_matches') as batch_op:
        batch_op.add_column(sa.Column('cutoff', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('ranked', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('career_matches') as batch_op:
        batch_op.drop_column('ranked')
        batch_op.drop_column('cutoff')
