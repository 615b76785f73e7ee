"""One topic taxonomy for every dataset, and the curated names that lead into it.

Datasets name their subjects differently ("Business & Management" on edX, "Leadership and
Management" on Coursera, a "business" shelf on Goodreads); mapping them all here puts the same
subject from any feed under one topic. Names that are not listed map to nothing: an unmapped
subject leaves a resource without that topic rather than growing the taxonomy one raw value
at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

SEPARATOR = " > "

# The taxonomy of the bundled demo catalog, plus a few subtopics the datasets need
# (Science > Psychology, and Fiction for books).
TAXONOMY: tuple[str, ...] = (
    "Computer Science",
    "Computer Science > Databases",
    "Computer Science > Databases > SQL",
    "Computer Science > Backend Engineering",
    "Computer Science > Backend Engineering > APIs",
    "Computer Science > Web Development",
    "Computer Science > DevOps",
    "Computer Science > DevOps > Cloud Computing",
    "Computer Science > Security",
    "Computer Science > Software Testing",
    "Computer Science > Foundations",
    "Computer Science > Programming Languages",
    "Computer Science > Programming Languages > Python",
    "Computer Science > Programming Languages > Go",
    "Computer Science > Programming Languages > Java",
    "Computer Science > Mobile Development",
    "Computer Science > Game Development",
    "Data Science",
    "Data Science > Data Analysis",
    "Data Science > Statistics",
    "Data Science > Machine Learning",
    "Data Science > Data Visualization",
    "Data Science > Data Engineering",
    "Design",
    "Design > User Experience",
    "Design > User Interface",
    "Design > Graphic Design",
    "Design > Typography",
    "Business",
    "Business > Management",
    "Business > Marketing",
    "Business > Finance",
    "Business > Accounting",
    "Business > Product Management",
    "Business > Economics",
    "Business > Entrepreneurship",
    "Health",
    "Health > Nursing",
    "Health > Nutrition",
    "Health > Public Health",
    "Health > Anatomy and Physiology",
    "Health > Pharmacology",
    "Health > Mental Health",
    "Health > Medicine",
    "Languages",
    "Languages > Spanish",
    "Languages > French",
    "Languages > Japanese",
    "Languages > English",
    "Languages > German",
    "Languages > Mandarin Chinese",
    "Music",
    "Music > Guitar",
    "Music > Piano",
    "Music > Music Theory",
    "Music > Music Production",
    "Music > Singing",
    "Science",
    "Science > Physics",
    "Science > Chemistry",
    "Science > Biology",
    "Science > Astronomy",
    "Science > Earth and Climate",
    "Science > Mathematics",
    "Science > Engineering",
    "Science > Psychology",
    "Education",
    "Education > Teaching",
    "Education > Instructional Design",
    "Personal Development",
    "Personal Development > Productivity",
    "Personal Development > Communication",
    "Personal Development > Writing",
    "Humanities",
    "Humanities > History and Philosophy",
    "Humanities > Literature",
    "Humanities > Arts",
    "Humanities > Law",
    "Fiction",
    "Fiction > Fantasy",
    "Fiction > Science Fiction",
    "Fiction > Mystery and Thriller",
    "Fiction > Romance",
    "Fiction > Classics",
    "Fiction > Young Adult",
    "Fiction > Historical Fiction",
)

_CS = "Computer Science"
_DS = "Data Science"

# Topic path -> the subject, category and skill names of the course and book datasets
# (Coursera, edX, Udemy, Udacity, MIT OCW, 7k books) that mean it. Compared by subject_key.
_SUBJECT_NAMES: dict[str, tuple[str, ...]] = {
    _CS: (
        "Computer Science",
        "Computers",
        "Information Technology",
        "Software Engineering",
        "School of Programming & Development",
    ),
    f"{_CS} > Databases": ("Data Management", "Database", "Database (DBMS)"),
    f"{_CS} > Databases > SQL": ("SQL",),
    f"{_CS} > Web Development": ("Web Development", "Mobile and Web Development"),
    f"{_CS} > DevOps": ("DevOps",),
    f"{_CS} > DevOps > Cloud Computing": ("Cloud Computing", "School of Cloud Computing"),
    f"{_CS} > Security": (
        "Security",
        "Cybersecurity",
        "Computer Security and Networks",
        "Network Security",
        "Cryptography",
        "School of Cybersecurity",
    ),
    f"{_CS} > Foundations": (
        "Algorithms",
        "Algorithms and Data Structures",
        "Data Structure",
        "Theory of Computation",
        "Operating Systems",
    ),
    f"{_CS} > Programming Languages": ("Programming Languages", "Computer Programming"),
    f"{_CS} > Programming Languages > Python": ("Python Programming",),
    f"{_CS} > Programming Languages > Java": ("Java Programming",),
    _DS: ("Data Science", "School of Data Science"),
    f"{_DS} > Data Analysis": ("Data Analysis", "Data Analysis & Statistics"),
    f"{_DS} > Statistics": (
        "Statistics",
        "Probability and Statistics",
        "Probability & Statistics",
        "Biostatistics",
    ),
    f"{_DS} > Machine Learning": (
        "Machine Learning",
        "Deep Learning",
        "Artificial Intelligence",
        "Data Mining",
        "School of Artificial Intelligence",
    ),
    f"{_DS} > Data Visualization": ("Data Visualization",),
    f"{_DS} > Data Engineering": ("Big Data", "Data Engineering"),
    "Design": ("Design", "Design and Product", "Architecture"),
    "Design > User Experience": (
        "User Experience",
        "User Experience Design",
        "Human-Computer Interfaces",
    ),
    "Design > Graphic Design": ("Graphic Design",),
    "Business": ("Business", "Business & Economics", "School of Business"),
    "Business > Management": (
        "Management",
        "Business & Management",
        "Leadership and Management",
        "Business Strategy",
        "Project Management",
    ),
    "Business > Marketing": ("Marketing",),
    "Business > Finance": ("Finance", "Business Finance"),
    "Business > Accounting": ("Accounting",),
    "Business > Product Management": ("Product Management", "School of Product Management"),
    "Business > Economics": ("Economics", "Economics & Finance"),
    "Business > Entrepreneurship": ("Entrepreneurship",),
    "Health": ("Health", "Health & Safety", "Health & Fitness"),
    "Health > Nutrition": ("Nutrition", "Food & Nutrition"),
    "Health > Public Health": ("Public Health",),
    "Health > Medicine": ("Medicine", "Medical"),
    "Languages": ("Language", "Language Learning", "Other Languages", "Foreign Language Study"),
    "Languages > English": ("Learning English", "English Language"),
    "Languages > Spanish": ("Spanish Language",),
    "Languages > French": ("French Language",),
    "Languages > German": ("German Language",),
    "Languages > Japanese": ("Japanese Language",),
    "Languages > Mandarin Chinese": ("Chinese Language", "Mandarin Chinese"),
    "Music": ("Music", "Musical Instruments"),
    "Science": ("Science", "Physical Science and Engineering"),
    "Science > Physics": ("Physics", "Physics and Astronomy"),
    "Science > Chemistry": ("Chemistry",),
    "Science > Biology": (
        "Biology & Life Sciences",
        "Computational Biology",
        "Biotechnology",
        "Synthetic Biology",
    ),
    "Science > Astronomy": ("Cosmology",),
    "Science > Earth and Climate": (
        "Environmental Studies",
        "Environmental Science and Sustainability",
        "Energy & Earth Sciences",
        "Environmental Management",
    ),
    "Science > Mathematics": ("Math", "Mathematics", "Math and Logic"),
    "Science > Engineering": (
        "Engineering",
        "Electronics",
        "Electrical Engineering",
        "Mechanical Engineering",
        "Systems Engineering",
        "Biological Engineering",
        "Aerospace Engineering",
        "Materials Science and Engineering",
        "Environmental Engineering",
        "Chemical Engineering",
        "Ocean Engineering",
        "Civil Engineering",
        "Nuclear Engineering",
        "Nanotechnology",
        "Technology & Engineering",
        "School of Autonomous Systems",
    ),
    "Science > Psychology": ("Psychology",),
    "Education": ("Education",),
    "Education > Teaching": ("Education & Teacher Training",),
    "Personal Development": ("Personal Development", "Self-Help"),
    "Personal Development > Communication": ("Communication",),
    "Personal Development > Writing": ("Writing",),
    "Humanities": ("Humanities", "Arts and Humanities"),
    "Humanities > History and Philosophy": (
        "History",
        "Philosophy",
        "Philosophy & Ethics",
        "Ethics",
    ),
    "Humanities > Literature": (
        "Literature",
        "Literary Criticism",
        "Literary Collections",
        "Poetry",
        "Drama",
    ),
    "Humanities > Arts": ("Art", "Art & Culture", "Music and Art", "Performing Arts"),
    "Humanities > Law": ("Law",),
    "Fiction": ("Fiction", "Juvenile Fiction", "English Fiction", "American Fiction"),
    "Fiction > Fantasy": ("Fantasy", "Fantasy Fiction"),
    "Fiction > Science Fiction": ("Science Fiction",),
    "Fiction > Mystery and Thriller": ("Detective and mystery stories",),
    "Fiction > Classics": ("Classical fiction",),
    "Fiction > Young Adult": ("Young Adult Fiction",),
    "Fiction > Historical Fiction": ("Historical Fiction",),
}

# Topic path -> Goodreads shelf names. Shelves are readers' tags, so only unambiguous
# subject and genre shelves are listed: "drama", "literature" or "historical" are moods or
# mix fiction with non-fiction, and reading-status shelves ("to-read") carry no subject.
_SHELF_NAMES: dict[str, tuple[str, ...]] = {
    _CS: ("programming", "computer-science", "computers"),
    "Business": ("business", "business-books"),
    "Business > Management": ("management", "leadership"),
    "Business > Economics": ("economics",),
    "Business > Finance": ("finance", "investing", "personal-finance"),
    "Business > Marketing": ("marketing",),
    "Business > Entrepreneurship": ("entrepreneurship", "startup"),
    "Science": ("science", "popular-science"),
    "Science > Physics": ("physics",),
    "Science > Astronomy": ("astronomy",),
    "Science > Biology": ("biology",),
    "Science > Mathematics": ("math", "mathematics"),
    "Science > Psychology": ("psychology",),
    "Humanities > History and Philosophy": ("history", "philosophy"),
    "Humanities > Literature": ("poetry",),
    "Humanities > Arts": ("art",),
    "Humanities > Law": ("law",),
    "Personal Development": ("self-help", "self-improvement"),
    "Personal Development > Productivity": ("productivity",),
    "Personal Development > Writing": ("writing",),
    "Health": ("health",),
    "Health > Nutrition": ("nutrition",),
    "Health > Medicine": ("medicine",),
    "Health > Mental Health": ("mental-health",),
    "Education": ("education",),
    "Music": ("music",),
    "Design": ("design",),
    "Fiction": ("fiction", "horror"),
    "Fiction > Fantasy": ("fantasy", "high-fantasy", "epic-fantasy", "urban-fantasy"),
    "Fiction > Science Fiction": ("science-fiction", "sci-fi", "scifi", "dystopian", "dystopia"),
    "Fiction > Mystery and Thriller": (
        "mystery",
        "mysteries",
        "thriller",
        "thrillers",
        "crime",
        "suspense",
        "mystery-thriller",
    ),
    "Fiction > Romance": ("romance", "contemporary-romance", "paranormal-romance"),
    "Fiction > Classics": ("classics", "classic", "classic-literature"),
    "Fiction > Young Adult": ("young-adult", "ya", "ya-fiction", "young-adult-fiction", "teen"),
    "Fiction > Historical Fiction": ("historical-fiction",),
}

_PARENTHESES = re.compile(r"\([^)]*\)")
_SEPARATORS = re.compile(r"[\s\-_/]+")


def subject_key(name: str) -> str:
    """How names are compared: case, "&"/"and", hyphens and "(UX)"-style asides don't matter."""
    text = _PARENTHESES.sub(" ", name.casefold()).replace("&", " and ")
    return _SEPARATORS.sub(" ", text).strip()


def _lookup(names_by_path: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for path, names in names_by_path.items():
        for name in names:
            key = subject_key(name)
            if lookup.setdefault(key, path) != path:
                raise ValueError(f"{name!r} maps to both {lookup[key]!r} and {path!r}")
    return lookup


SUBJECTS: dict[str, str] = _lookup(_SUBJECT_NAMES)
SHELVES: dict[str, str] = _lookup(_SHELF_NAMES)


def topic_for(name: str, lookup: Mapping[str, str] = SUBJECTS) -> str | None:
    """The topic path a subject name maps to, or None when it is not curated."""
    return lookup.get(subject_key(name))


def one_topic(*names: str) -> list[str]:
    """The topic of the first name that maps, as a topics list: most specific name first."""
    return next(([path] for path in map(topic_for, names) if path), [])


def topics_for(names: Iterable[str], limit: int | None = None) -> list[str]:
    """The distinct topics of these names in order, at most ``limit`` of them."""
    paths = [path for path in map(topic_for, names) if path]
    return most_specific(paths)[:limit]


def most_specific(paths: Iterable[str]) -> list[str]:
    """Paths without their repeats and without the ones a deeper path already implies.

    Every level of a path becomes a topic, so "Fiction" next to "Fiction > Fantasy" adds
    nothing but noise.
    """
    unique = list(dict.fromkeys(paths))
    return [
        path for path in unique if not any(other.startswith(path + SEPARATOR) for other in unique)
    ]
