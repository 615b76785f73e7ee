"""import warnings, provider keys

Revision ID: 7c1e5a9d2b40
Revises: 24fa7d1b3f5d
Create Date: 2026-12-01 22:30:00
"""

from collections.abc import Sequence

import unicodedata

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
    with op.batch_alter_table('providers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sa.String(length=300), nullable=True))
    _merge_providers_by_key()
    with op.batch_alter_table('providers', schema=None) as batch_op:
        batch_op.alter_column('name_key', existing_type=sa.String(length=300), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_providers_name_key'), ['name_key'])


def _merge_providers_by_key() -> None:
    """Providers told apart only by case or spacing become the first one created."""
    connection = op.get_bind()
    kept: dict[str, int] = {}
    for provider_id, name in connection.execute(sa.text('SELECT id, name FROM providers ORDER BY id')):
        key = ' '.join(unicodedata.normalize('NFKC', name).casefold().split())
        if key in kept:
            connection.execute(
                sa.text('UPDATE resources SET provider_id = :kept WHERE provider_id = :dup'),
                {'kept': kept[key], 'dup': provider_id},
            )
            connection.execute(sa.text('DELETE FROM providers WHERE id = :dup'), {'dup': provider_id})
        else:
            kept[key] = provider_id
            connection.execute(
                sa.text('UPDATE providers SET name_key = :key WHERE id = :id'),
                {'key': key, 'id': provider_id},
            )


def downgrade() -> None:
    with op.batch_alter_table('providers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_providers_name_key'), type_='unique')
        batch_op.drop_column('name_key')
    with op.batch_alter_table('import_runs', schema=None) as batch_op:
        batch_op.drop_column('warnings')
    with op.batch_alter_table('import_rejections', schema=None) as batch_op:
        batch_op.drop_column('severity')
