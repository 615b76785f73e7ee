"""career context: occupations' work activities and tools, careers' context terms

Revision ID: 7c1e0a9d4b21
Revises: 5e4c1a7b9d20
Create Date: 2026-12-01 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "7c1e0a9d4b21"
down_revision: str | None = '5e4c1a7b9d20'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("occupations") as batch_op:
        batch_op.add_column(sa.Column("activities", JSON, nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("tools", JSON, nullable=False, server_default="[]"))
    with op.batch_alter_table("careers") as batch_op:
        batch_op.add_column(sa.Column("context", JSON, nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("careers") as batch_op:
        batch_op.drop_column("context")
    with op.batch_alter_table("occupations") as batch_op:
        batch_op.drop_column("tools")
        batch_op.drop_column("activities")
