"""Judged queries over the real public datasets: what a learner typing each query must see.

Each judgment names the exact titles that are the answer (grade 2) and a pattern for titles
that are also relevant (grade 1). Titles are matched case-insensitively; when several
resources share a title (the same book in two datasets), any of them counts.
Grow this list whenever a ranking bug is fixed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Judgment:
    query: str
    perfect: tuple[str, ...] = ()
    relevant: str | None = None  # regex on the title, case-insensitive
    authors: str | None = None  # regex on authors: their books are relevant
    filters: dict[str, Any] = field(default_factory=dict)
    category: str = ""

    def grade(self, title: str, authors: list[str]) -> int:
        if title.casefold() in {t.casefold() for t in self.perfect}:
            return 2
        if self.relevant and re.search(self.relevant, title, re.IGNORECASE):
            return 1
        if self.authors and any(re.search(self.authors, a, re.IGNORECASE) for a in authors):
            return 1
        return 0


def _exact(title: str, relevant: str | None = None, **kw: Any) -> Judgment:
    return Judgment(title, (title,), relevant, category="exact title", **kw)


JUDGMENTS: list[Judgment] = [
    # --- exact titles
    _exact("Python for Everybody", r"python"),
    _exact("The Great Gatsby"),
    _exact("To Kill a Mockingbird"),
    _exact("Pride and Prejudice", authors="austen"),
    _exact("The Elements of Style"),
    _exact(
        "Superintelligence: Paths, Dangers, Strategies", r"superintelligen|artificial intelligence"
    ),
    _exact("Learning How to Learn: Powerful mental tools to help you master tough subjects"),
    _exact("The Science of Well-Being", r"well-being|happiness"),
    _exact("Introduction to Philosophy", r"philosoph"),
    _exact("Clean Code: A Handbook of Agile Software Craftsmanship"),
    _exact("The Pragmatic Programmer: From Journeyman to Master"),
    _exact("Thinking, Fast and Slow"),
    _exact("Sapiens: A Brief History of Humankind"),
    _exact("Structure and Interpretation of Computer Programs"),
    _exact("Introduction to Algorithms", r"algorithm"),
    _exact("Google Data Analytics", r"data analy"),
    _exact("Fundamentals of Accounting", r"accounting"),
    _exact("JavaScript: The Good Parts", r"javascript"),
    _exact("Head First Design Patterns", r"design pattern"),
    _exact("The C Programming Language", r"\bC\b"),
    _exact("1984", authors="orwell"),
    # --- questions: the question words go, what they ask about stays
    Judgment(
        "what is the best way to learn photography", relevant=r"photograph", category="question"
    ),
    Judgment("how do i learn to play the guitar", relevant=r"guitar", category="question"),
    Judgment("what is machine learning", relevant=r"machine learning", category="question"),
    # --- short exact titles among many near matches
    _exact("Machine Learning", r"machine learning"),
    _exact("Deep Learning", r"deep learning|neural network"),
    _exact("Project Management", r"project manag"),
    _exact("Digital Marketing", r"digital marketing|marketing"),
    _exact("Music Production", r"music produc|audio|mixing"),
    # --- titles typed partly or loosely
    Judgment(
        "the tipping point",
        ("The Tipping Point: How Little Things Can Make a Big Difference",),
        category="partial title",
    ),
    Judgment(
        "outliers story of success", ("Outliers: The Story of Success",), category="partial title"
    ),
    Judgment(
        "clean code",
        ("Clean Code: A Handbook of Agile Software Craftsmanship",),
        r"clean code|clean architecture",
        category="partial title",
    ),
    Judgment(
        "hunger games",
        ("The Hunger Games (The Hunger Games, #1)",),
        r"hunger games|catching fire|mockingjay",
        category="partial title",
    ),
    Judgment(
        "harry potter sorcerer's stone",
        ("Harry Potter and the Sorcerer's Stone (Harry Potter, #1)",),
        r"harry potter",
        category="partial title",
    ),
    Judgment(
        "learning how to learn",
        ("Learning How to Learn: Powerful mental tools to help you master tough subjects",),
        r"learn(ing)? how to learn",
        category="partial title",
    ),
    # --- authors
    Judgment(
        "george orwell", relevant=r"1984|animal farm|orwell", authors="orwell", category="author"
    ),
    Judgment("jane austen", authors="austen", category="author"),
    Judgment("malcolm gladwell", authors="gladwell", category="author"),
    Judgment("stephen king", authors="stephen king", category="author"),
    Judgment(
        "tolkien",
        relevant=r"hobbit|lord of the rings|silmarillion|tolkien",
        authors="tolkien",
        category="author",
    ),
    Judgment("j.k. rowling", relevant=r"harry potter", authors="rowling", category="author"),
    # --- an author's name: their works before books about them, even one titled with it
    Judgment("isaac asimov", authors="asimov", category="author"),
    Judgment("agatha christie", authors="christie", category="author"),
    Judgment("charles dickens", authors="dickens", category="author"),
    Judgment("mark twain", authors="twain", category="author"),
    Judgment("stephen hawking", authors="hawking", category="author"),
    # --- ISBNs
    Judgment("9780439023481", ("The Hunger Games (The Hunger Games, #1)",), category="isbn"),
    Judgment("0-439-02348-3", ("The Hunger Games (The Hunger Games, #1)",), category="isbn"),
    Judgment("978-0-06-112008-4", ("To Kill a Mockingbird",), category="isbn"),
    Judgment("0374275637", ("Thinking, Fast and Slow",), category="isbn"),
    Judgment(
        "ISBN 978-0-201-61622-4",
        ("The Pragmatic Programmer: From Journeyman to Master",),
        category="isbn",
    ),
    # --- typos
    Judgment("pyhton", ("Python for Everybody",), r"python", category="typo"),
    Judgment("machne learning", ("Machine Learning",), r"machine learning", category="typo"),
    Judgment("javscript", relevant=r"javascript", category="typo"),
    Judgment("statisics", relevant=r"statistic", category="typo"),
    Judgment("acounting", relevant=r"accounting", category="typo"),
    Judgment("philosphy", relevant=r"philosoph", category="typo"),
    Judgment("hary potter", relevant=r"harry potter", category="typo"),
    Judgment("psycology", relevant=r"psycholog", category="typo"),
    # --- typos corrected in context: the word of the title they are in, not the most
    # frequent word one edit away ("poter" is "potter" here, not "power")
    Judgment("harry poter", relevant=r"harry potter", category="typo in context"),
    Judgment("lord of the rigns", relevant=r"lord of the rings", category="typo in context"),
    Judgment("game of thornes", relevant=r"game of thrones", category="typo in context"),
    Judgment("the grate gatsby", ("The Great Gatsby",), category="typo in context"),
    Judgment("war and peice", ("War and Peace",), category="typo in context"),
    Judgment("the kite runer", ("The Kite Runner",), category="typo in context"),
    Judgment("brave new wrld", ("Brave New World",), category="typo in context"),
    Judgment("the hobit", relevant=r"hobbit", category="typo in context"),
    # --- two words few resources hold both of: those about the first follow them
    Judgment("cooking knife", relevant=r"cook|knife|knive", category="two words"),
    Judgment("teaching phonics", relevant=r"teach|phonics", category="two words"),
    Judgment("nursing pharmacology", relevant=r"nurs|pharmac", category="two words"),
    Judgment("blockchain accounting", relevant=r"blockchain", category="two words"),
    # --- prefixes (typed while searching)
    Judgment("machine lea", ("Machine Learning",), r"machine learning", category="prefix"),
    Judgment("harry pot", relevant=r"harry potter", category="prefix"),
    Judgment("data visu", relevant=r"data visuali[sz]ation|visuali[sz]", category="prefix"),
    Judgment("javascr", relevant=r"javascript", category="prefix"),
    Judgment(
        "python for every", ("Python for Everybody",), r"python for everybody", category="prefix"
    ),
    Judgment(
        "financial acc", ("Financial Accounting",), r"financial accounting", category="prefix"
    ),
    # the unfinished word's completions before what its stem matches ("sci" is not "Sci-Fi")
    Judgment("data sci", relevant=r"data scien", category="prefix"),
    Judgment("introduction to psych", relevant=r"psycholog", category="prefix"),
    Judgment("web develo", relevant=r"web develop", category="prefix"),
    # --- topics in several words
    Judgment(
        "data structures and algorithms",
        ("Data Structures and Algorithms",),
        r"data structure|algorithm",
        category="topic",
    ),
    Judgment(
        "web development", relevant=r"web develop|html|css|javascript|web design", category="topic"
    ),
    Judgment("financial accounting", ("Financial Accounting",), r"accounting", category="topic"),
    Judgment(
        "natural language processing",
        relevant=r"natural language|nlp|language model|text",
        category="topic",
    ),
    Judgment(
        "digital marketing strategy",
        relevant=r"digital marketing|marketing strateg",
        category="topic",
    ),
    Judgment("cyber security", relevant=r"cyber ?security|security", category="topic"),
    Judgment("music theory", relevant=r"music theory|music", category="topic"),
    Judgment("computer vision", relevant=r"computer vision|image|vision", category="topic"),
    Judgment("excel for business", relevant=r"excel", category="topic"),
    Judgment(
        "public health",
        relevant=r"public health|epidemiolog|global health|health",
        category="topic",
    ),
    # --- with filters
    Judgment("python", relevant=r"python", filters={"kind": "book"}, category="filtered"),
    Judgment(
        "history", relevant=r"history|histor", filters={"kind": "course"}, category="filtered"
    ),
    Judgment(
        "machine learning",
        relevant=r"machine learning",
        filters={"level": "beginner"},
        category="filtered",
    ),
    Judgment("excel", relevant=r"excel", filters={"price": "free"}, category="filtered"),
    Judgment("fantasy", relevant=r".", filters={"topic": "fantasy"}, category="filtered"),
]
