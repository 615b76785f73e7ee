"""import warnings, provider keys

Revision ID: 7c1e5a9d2b40
Revises: 24fa7d1b3f5d
Create Date: 2026-12-01 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '7c1e5a9d2b40'
down_revision: str | None = '24fa7d1b3f5d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('import_rejections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('severity', sa.String(length=16), server_default='error', nullable=False))
    with op.batch_alter_table('import_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('warnings', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('import_runs', schema=None) as batch_op:
        batch_op.drop_column('warnings')
    with op.batch_alter_table('import_rejections', schema=None) as batch_op:
        batch_op.drop_column('severity')
