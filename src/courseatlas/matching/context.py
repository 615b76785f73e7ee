"""How much a resource's words are about a profile's context: the sense check. Pure.

A profile may carry context terms (a career's: word -> weight, see ``careers.context``). A
resource's title and the opening of its description are stemmed like the index stems, and
the weights of the context stems they contain add up: in the title a stem counts fully, in
the description half. The sum is scaled so that a title naming the four heaviest terms
scores 1 (two of them: as much). "Spark (Elemental, #2)" names "spark" and nothing else of a data engineer's work;
"Building Big Data Pipelines with PySpark" names "big", "pipelines" and "spark".
"""

from __future__ import annotations

from collections.abc import Mapping

from courseatlas.search import analyzers

IN_DESCRIPTION = 0.5
DESCRIPTION_WORDS = 150  # the opening, where a description says what the resource is
NORM_TERMS = 2
LONE_WORD = 0.5
DESCRIPTION_CAP = 0.3


class Context:
    def __init__(self, terms: Mapping[str, float]) -> None:
        self.by_stem: dict[str, float] = {}
        self.words: dict[str, str] = {}  # stem -> the word written, to search for
        for word, weight in terms.items():
            for stem in analyzers.stems(word)[:1]:
                if weight > self.by_stem.get(stem, 0.0):
                    self.by_stem[stem] = weight
                    self.words[stem] = word
        heaviest = sorted(self.by_stem.values(), reverse=True)[:NORM_TERMS]
        self.norm = sum(heaviest) or 1.0

    def __bool__(self) -> bool:
        return bool(self.by_stem)

    def found(self, title: str, description: str) -> dict[str, float]:
        """The context stems a resource's text names, each with its share of the score."""
        if not self.by_stem:
            return {}
        found = {stem: 1.0 for stem in analyzers.stems(title) if stem in self.by_stem}
        opening = " ".join(description.split()[:DESCRIPTION_WORDS])
        for stem in analyzers.stems(opening):
            if stem in self.by_stem and stem not in found:
                found[stem] = IN_DESCRIPTION
        shares = {stem: self.by_stem[stem] * place / self.norm for stem, place in found.items()}
        # A long description names many context words in passing: together they count at
        # most DESCRIPTION_CAP, so what the title says decides.
        said = sum(share for stem, share in shares.items() if found[stem] < 1.0)
        if said > DESCRIPTION_CAP:
            scale = DESCRIPTION_CAP / said
            shares = {s: v * (scale if found[s] < 1.0 else 1.0) for s, v in shares.items()}
        return shares

    def heaviest(self, count: int) -> list[str]:
        """The words worth searching the index for, heaviest first."""
        ranked = sorted(self.by_stem.items(), key=lambda item: (-item[1], item[0]))
        return [self.words[stem] for stem, _ in ranked[:count]]


def about(found: dict[str, float], besides: frozenset[str] = frozenset()) -> float:
    """0 (none of its words are the context's) to 1 (its title is the heart of it); with
    ``besides``, what the other words say: the sense of a want is in its surroundings."""
    shares = [share for stem, share in found.items() if stem not in besides]
    # One word alone is weak evidence of a subject ("Chef" the tool, "Spark" the novel).
    breadth = 1.0 if len(shares) > 1 else LONE_WORD
    return min(1.0, breadth * sum(shares))
