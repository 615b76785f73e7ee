"""stored career matches

Revision ID: c4a8e2f1d370
Revises: b26a10597c29
Create Date: 2026-12-02 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'c4a8e2f1d370'
down_revision: str | None = 'b26a10597c29'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANGE_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('career_matches',
    sa.Column('career_id', sa.Integer(), nullable=False),
    sa.Column('computed_at', CHANGE_ID, nullable=True),
    sa.Column('touched_at', CHANGE_ID, nullable=False),
    sa.Column('profile_hash', sa.String(length=64), nullable=True),
    sa.Column('payload', sa.Text(), nullable=True),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['career_id'], ['careers.id'], name=op.f('fk_career_matches_career_id_careers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('career_id', name=op.f('pk_career_matches'))
    )
    op.create_table('career_match_terms',
    sa.Column('term', sa.String(length=300), nullable=False),
    sa.Column('career_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['career_id'], ['careers.id'], name=op.f('fk_career_match_terms_career_id_careers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('term', 'career_id', name=op.f('pk_career_match_terms'))
    )
    with op.batch_alter_table('career_match_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_career_match_terms_career_id'), ['career_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('career_match_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_career_match_terms_career_id'))
    op.drop_table('career_match_terms')
    op.drop_table('career_matches')
