"""resource credits

Revision ID: 9b3d5f7a2e61
Revises: 4a7e2c9d1f03
Create Date: 2026-12-02 03:15:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from courseatlas.catalog.credits import credits_of

revision: str = '9b3d5f7a2e61'
down_revision: str | None = '4a7e2c9d1f03'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000


def upgrade() -> None:
    credits = op.create_table('resource_credits',
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.CheckConstraint("role IN ('author', 'instructor', 'institution')", name=op.f('ck_resource_credits_role')),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_resource_credits_resource_id_resources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('resource_id', 'role', 'slug', name=op.f('pk_resource_credits'))
    )
    op.create_index('ix_resource_credits_slug_role', 'resource_credits', ['slug', 'role'], unique=False)
    _fill(credits)


def _fill(credits: sa.Table) -> None:
    """Credits of the resources already stored, read by id in batches."""
    connection = op.get_bind()
    last = 0
    query = sa.text(
        'SELECT id, authors, instructors, institution FROM resources WHERE id > :last ORDER BY id LIMIT :n'
    )
    while rows := connection.execute(query, {'last': last, 'n': BATCH}).all():
        values = [
            {'resource_id': row.id, 'role': role, 'slug': slug, 'name': name}
            for row in rows
            for role, slug, name in credits_of(
                {'authors': _list(row.authors), 'instructors': _list(row.instructors), 'institution': row.institution}
            )
        ]
        if values:
            connection.execute(credits.insert(), values)
        last = rows[-1].id


def _list(value: object) -> list[str]:
    loaded = json.loads(value) if isinstance(value, str) else value
    return [str(name) for name in loaded] if isinstance(loaded, list) else []


def downgrade() -> None:
    op.drop_index('ix_resource_credits_slug_role', table_name='resource_credits')
    op.drop_table('resource_credits')
