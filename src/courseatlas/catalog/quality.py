"""How good a resource is, apart from any query: a Bayesian rating and popularity."""

from __future__ import annotations

import math

# The Bayesian prior: an unrated resource counts as PRIOR_VOTES ratings of PRIOR_MEAN, so five
# stars from three reviews do not outrank 4.7 from thirty thousand.
PRIOR_MEAN = 3.8
PRIOR_VOTES = 25


def bayesian_rating(rating: float | None, count: int | None) -> float:
    votes = count or 0 if rating is not None else 0
    return (PRIOR_MEAN * PRIOR_VOTES + (rating or 0.0) * votes) / (PRIOR_VOTES + votes)


def quality(rating: float | None, count: int | None, popularity: int | None) -> float:
    """A prior between 0 and 0.6 that multiplies relevance by 1 to 1.38 (log2(2 + q)).

    Small on purpose: it breaks ties between similar matches and never buries an exact one.
    """
    rated = max(0.0, min(1.0, (bayesian_rating(rating, count) - 3.0) / 2.0))
    popular = min(1.0, math.log10(1 + (popularity or 0)) / 6.0)
    return round(0.35 * rated + 0.25 * popular, 4)
