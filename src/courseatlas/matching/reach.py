"""What a resource must share with a profile to be among its candidates, as sets of terms.

``candidates.gather`` finds candidates by phrases searched in the index (each want's
spellings, the heaviest context words), by skill links and by topics. A resource is found
by a phrase only if its text holds every stem of it, so one stem stands for the phrase;
``profile_reach`` and ``document_terms`` write both sides the same way, and a change to a
resource whose terms meet a profile's reach may change that profile's matches (a change to
any other resource cannot, but for the engine's statistics shifting a little).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from courseatlas.matching.candidates import CONTEXT_QUERIES, topic_slugs
from courseatlas.matching.context import Context
from courseatlas.matching.wants import Profile
from courseatlas.search import analyzers
from courseatlas.search.documents import IndexDocument

WORD, SKILL, TOPIC, RESOURCE = "w:", "s:", "t:", "r:"


def profile_reach(session: Session, profile: Profile) -> set[str]:
    """The terms of everything the profile's candidates are searched by."""
    terms = {SKILL + want.label.casefold() for want in profile.wants if want.skill_id is not None}
    phrases = [spelling for want in profile.wants for spelling in want.spellings]
    for phrase in [*phrases, *Context(profile.context).heaviest(CONTEXT_QUERIES)]:
        stems = analyzers.stems(phrase)
        if stems:
            terms.add(WORD + max(stems, key=len))
    terms.update(TOPIC + slug for slug in topic_slugs(session, profile.topic_paths))
    return terms


def document_terms(document: IndexDocument) -> set[str]:
    """The terms of a resource as the index holds it: the stems of its searched fields, its
    skills, its topics (ancestors included), and its id."""
    text = " ".join(
        (document.title, document.description, *document.skills, *document.topics, *document.people)
    )
    terms = {WORD + stem for stem in analyzers.stems(text)}
    terms.update(SKILL + name.casefold() for name in document.skills)
    terms.update(TOPIC + slug for slug in document.topic_slugs)
    terms.add(resource_term(document.id))
    return terms


def resource_term(resource_id: int) -> str:
    return f"{RESOURCE}{resource_id}"
