"""Managing partners: a provider's referral template, allowed hosts, secret and active flag."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from sqlalchemy.orm import Session

from courseatlas.catalog import repository as catalog
from courseatlas.db.base import utcnow
from courseatlas.errors import InvalidInput, NotFound
from courseatlas.referrals import repository
from courseatlas.referrals.models import Partner
from courseatlas.referrals.targets import normal_hosts, template_problem


def set_partner(
    session: Session, slug: str, template: str, hosts: Sequence[str], active: bool
) -> Partner:
    """Create or change the partner of provider ``slug``; its secret stays as it was."""
    problem = template_problem(template)
    if problem:
        raise InvalidInput(f"--template: {problem}")
    cleaned, bad = normal_hosts(list(hosts))
    if bad is not None:
        raise InvalidInput(f"--hosts: {bad!r} is not a host name")
    if not cleaned:
        raise InvalidInput("--hosts: name at least one host the partner's links may point to")
    partner = repository.partner_by_slug(session, slug)
    if partner is None:
        provider = catalog.provider_by_slug(session, slug)
        if provider is None:
            raise NotFound(f"No provider {slug!r}: a partner is a provider of the catalog.")
        partner = Partner(provider=provider, template=template, hosts=[], active=active)
        session.add(partner)
    partner.template = template
    partner.hosts = list(cleaned)
    partner.active = active
    partner.updated_at = utcnow()
    session.flush()
    return partner


def new_secret(session: Session, slug: str) -> str:
    """A new webhook secret for the partner; the old one stops working at once."""
    partner = repository.partner_by_slug(session, slug)
    if partner is None:
        raise NotFound(f"No partner {slug!r}: make it with `courseatlas partners set` first.")
    partner.secret = secrets.token_urlsafe(32)
    partner.updated_at = utcnow()
    return partner.secret


def partners(session: Session) -> Sequence[Partner]:
    return repository.all_partners(session)
