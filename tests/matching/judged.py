"""The judged set: for each career, resources of the real datasets (../shared/data) that clearly
belong among its 20 best matches, and resources that clearly must not appear at all.

Written by hand from the datasets' titles, before looking at what the matcher returns; a
resource is named by its source and external id (the ``source`` and ``external_id`` columns
the dataset profiles fill). Belongs: the course or book is about the career's core work.
Never: it only shares a word with it (a novel called "The English Patient", "Solar Energy
System Design" for a backend engineer).
"""

from __future__ import annotations

from dataclasses import dataclass

Ref = tuple[str, str]  # (source, external id)

# The datasets the judged set is drawn from, as (profile, files under ../shared/data).
DATASETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("coursera", ("courses/coursera/coursera_courses.csv",)),
    ("coursera-domains", ("courses/coursera/coursera_courses_domains.csv",)),
    ("edx", ("courses/edx/edx_courses.csv",)),
    ("udemy", ("courses/udemy/udemy_courses.csv", "courses/udemy/udemy_01.csv")),
    ("udacity", ("courses/udacity/Udacity.csv",)),
    ("mit-ocw", ("courses/mit_ocw/mit_ocw_courses.json",)),
    ("datascience-multi", ("courses/multi_platform_data_science/dataframe.csv",)),
    ("goodbooks", ("books/goodbooks-10k/books.csv",)),
    ("books7k", ("books/7k-books-with-metadata/books_cleaned.csv",)),
    ("progbooks", ("books/programming-books/prog_book.csv",)),
)
ONET = "onet"  # the O*NET database folder under ../shared/data


@dataclass(frozen=True)
class Judgement:
    career: str  # slug of a career: a bundled guide or an O*NET occupation's page
    field: str  # health, food, trades, teaching, finance, arts, law, science, business, software
    belongs: tuple[Ref, ...]  # flagship resources: recall@20 is the share of these shown
    never: tuple[Ref, ...]
    # Title rules (regular expressions, case-insensitive) for what else is on topic: a shown
    # resource whose title matches one counts as relevant for precision@10 (unless "never").
    relevant: tuple[str, ...] = ()


def _c(*ids: str) -> tuple[Ref, ...]:
    """Coursera courses, by the path of their URL."""
    return tuple(("coursera", i) for i in ids)


JUDGED: tuple[Judgement, ...] = (
    Judgement(
        "backend-engineer",
        "software",
        belongs=(
            *_c(
                "professional-certificates/meta-back-end-developer",
                "learn/introduction-to-back-end-development",
                "professional-certificates/ibm-backend-development",
                "learn/back-end-infrastructure-servers-secure-apis-and-data",
                "specializations/postgresql-for-everybody",
                "learn/build-rest-apis-with-go-and-mongodb",
            ),
            ("udacity", "ud171"),  # Intro to Backend
            ("udacity", "ud615"),  # Scalable Microservices with Kubernetes
            ("udemy", "1094964"),  # Build Your Own Backend REST API using Django REST Framework
            ("udemy", "970600"),  # REST APIs with Flask and Python
            ("progbooks", "building-microservices-designing-fine-grained-systems"),
        ),
        never=(
            ("coursera", "learn/solar-energy-system-design"),
            ("mit-ocw", "2-76-multi-scale-system-design-fall-2004"),
            ("goodbooks", "11925514"),  # Code Name Verity
            ("books7k", "9780307277671"),  # The Da Vinci Code
        ),
    ),
    Judgement(
        "frontend-developer",
        "software",
        belongs=(
            *_c(
                "professional-certificates/meta-front-end-developer",
                "learn/introduction-to-front-end-development",
                "learn/html-css-javascript-for-web-developers",
                "learn/react-basics",
                "professional-certificates/ibm-frontend-developer",
                "learn/developing-frontend-apps-with-react",
            ),
            ("udemy", "705264"),  # Modern React with Redux
            ("udemy", "364426"),  # JavaScript: Understanding the Weird Parts
            ("udemy", "437398"),  # Build Responsive Real World Websites with HTML5 and CSS3
            ("udacity", "nd0011"),  # Front End Web Developer
            ("edx", "course/html5-and-css-fundamentals"),
        ),
        never=(
            ("coursera", "learn/intro-chemistry"),  # "Reactions and Ratios"
            ("mit-ocw", "6-774-physics-of-microfabrication-front-end-processing-fall-2004"),
            ("goodbooks", "8662836"),  # Chain Reaction (Perfect Chemistry, #3)
        ),
    ),
    Judgement(
        "data-analyst",
        "software",
        belongs=(
            *_c(
                "professional-certificates/google-data-analytics",
                "professional-certificates/ibm-data-analyst",
                "learn/introduction-to-data-analytics",
                "learn/data-analysis-with-python",
                "learn/excel-basics-data-analysis-ibm",
                "specializations/data-visualization",
                "professional-certificates/microsoft-power-bi-data-analyst",
                "learn/data-analysis-r",
                "specializations/excel-data-analytics-visualization",
                "learn/sql-for-data-science",
            ),
            ("datascience-multi", "357"),  # Google Data Analytics
            ("datascience-multi", "3548"),  # IBM Data Analyst
        ),
        never=(
            ("books7k", "9781400032532"),  # His Excellency: George Washington
            ("goodbooks", "10798416"),  # The Statistical Probability of Love at First Sight
        ),
    ),
    Judgement(
        "data-scientist",
        "software",
        belongs=(
            *_c(
                "professional-certificates/ibm-data-science",
                "specializations/jhu-data-science",
                "learn/what-is-datascience",
                "learn/python-data-analysis",
                "specializations/data-science-python",
                "learn/machine-learning-with-python",
                "specializations/statistics-with-python",
                "learn/data-science-methodology",
                "learn/open-source-tools-for-data-science",
            ),
            ("edx", "course/data-science-machine-learning"),
            ("edx", "course/data-science-r-basics"),
        ),
        never=(
            ("goodbooks", "10798416"),  # The Statistical Probability of Love at First Sight
            ("goodbooks", "49628"),  # Cloud Atlas
            ("coursera", "learn/solar-energy-system-design"),
        ),
    ),
    Judgement(
        "machine-learning-engineer",
        "software",
        belongs=(
            *_c(
                "learn/machine-learning",
                "specializations/machine-learning-introduction",
                "specializations/deep-learning",
                "learn/neural-networks-deep-learning",
                "learn/introduction-tensorflow",
                "learn/machine-learning-projects",
                "specializations/mathematics-machine-learning",
            ),
            ("edx", "course/deep-learning-with-python-and-pytorch"),
            ("edx", "course/machine-learning-with-python-from-linear-models-to"),
            ("udacity", "nd0821"),  # Machine Learning DevOps Engineer
        ),
        never=(
            ("goodbooks", "18244799"),  # Hardwired (Hacker, #1)
            ("goodbooks", "10798416"),  # The Statistical Probability of Love at First Sight
        ),
    ),
    Judgement(
        "devops-engineer",
        "software",
        belongs=(
            *_c(
                "learn/intro-to-devops",
                "professional-certificates/sre-devops-engineer-google-cloud",
                "specializations/aws-devops",
                "professional-certificates/devops-and-software-engineering",
                "specializations/architecting-google-kubernetes-engine",
                "learn/site-reliability-engineering-slos",
            ),
            ("udacity", "nd9991"),  # Cloud DevOps Engineer
            ("udacity", "ud611"),  # Intro to DevOps
            ("edx", "course/introduction-to-devops-and-site-reliability-engineering"),
            ("udemy", "714724"),  # Docker Technologies for DevOps and Developers
            (
                "progbooks",
                "the-phoenix-project-a-novel-about-it-devops-and-helping-your-business-win",
            ),
        ),
        never=(
            ("books7k", "9780765344977"),  # Terraforming Earth
            ("goodbooks", "49628"),  # Cloud Atlas
            ("books7k", "9780007119332"),  # Death in the Clouds
        ),
    ),
    Judgement(
        "security-analyst",
        "software",
        belongs=(
            *_c(
                "professional-certificates/google-cybersecurity",
                "professional-certificates/ibm-cybersecurity-analyst",
                "learn/introduction-cybersecurity-cyber-attacks",
                "learn/foundations-of-cybersecurity",
                "specializations/cyber-security",
                "professional-certificates/microsoft-cybersecurity-analyst",
                "learn/networks-and-network-security",
            ),
            ("edx", "course/introduction-to-cybersecurity"),
            ("udacity", "nd350"),  # Ethical Hacker
            ("udacity", "ud459"),  # Intro to Information Security
            ("udemy", "938560"),  # The Complete Ethical Hacking Course 2.0
        ),
        never=(
            ("goodbooks", "18244799"),  # Hardwired (Hacker, #1)
            ("goodbooks", "22454958"),  # Hardline (Hacker, #3)
            ("goodbooks", "21518647"),  # Axel (Corps Security, #1)
        ),
    ),
    Judgement(
        "ux-designer",
        "software",
        belongs=(
            *_c(
                "professional-certificates/google-ux-design",
                "learn/foundations-user-experience-design",
                "learn/user-experience-design",
                "specializations/michiganux",
                "specializations/ui-ux-design",
                "learn/start-ux-design-process",
                "learn/conduct-ux-research",
                "learn/high-fidelity-designs-prototype",
                "learn/user-research",
            ),
            ("goodbooks", "3368"),  # Don't Make Me Think
            ("edx", "course/designing-the-user-experience"),
        ),
        never=(
            ("goodbooks", "12578077"),  # Obsidian (Lux, #1)
            ("goodbooks", "2999282"),  # Dexter By Design
        ),
    ),
    Judgement(
        "graphic-designer",
        "arts",
        belongs=(
            *_c("learn/fundamentals-of-graphic-design", "specializations/graphic-design"),
            ("udemy", "660876"),  # Graphic Design - An Overview of the Field
            ("udemy", "749542"),  # Graphic Design Bootcamp
            ("udemy", "396204"),  # Graphic Design Masterclass
            ("udemy", "278948"),  # Become a Professional Graphic Designer
            ("udemy", "399938"),  # Professional Logo Design in Adobe Illustrator
            ("udemy", "348116"),  # Photoshop In-Depth
            ("udemy", "416548"),  # Logo Design Masterclass
            ("books7k", "9780500203477"),  # Graphic Design: A Concise History
            ("books7k", "9780811833462"),  # Stylepedia: A Guide to Graphic Design Mannerisms
        ),
        never=(
            ("goodbooks", "2999282"),  # Dexter By Design
            ("goodbooks", "6931356"),  # The DUFF: Designated Ugly Fat Friend
            ("udemy", "58977"),  # Financial Statements Made Easy
        ),
    ),
    Judgement(
        "registered-nurse",
        "health",
        belongs=(
            *_c(
                "learn/lecturio-cardiovascular-disorders-medical-surgical-nursing",
                "learn/healthcare-career-explorer-certified-nursing-assistant",
                "learn/healthcare-career-explorer-nurse-practitioner-np",
                "specializations/patient-safety",
                "specializations/medicalterminology",
                "specializations/anatomy",
                "specializations/human-anatomy-medical-terminology-fundamentals",
                "learn/anatomy--physiology-support--movement",
            ),
            ("edx", "course/human-anatomy"),
            ("edx", "course/applying-health-coaching-in-patient-care"),
            ("books7k", "9780805359091"),  # Human Anatomy & Physiology
        ),
        never=(
            ("goodbooks", "11713"),  # The English Patient
            ("goodbooks", "3993839"),  # Patient Zero
            ("books7k", "9780385733205"),  # Anatomy of a Boyfriend: A Novel
            ("books7k", "9780143037231"),  # The Big Over Easy (Nursery Crime, #1)
            ("udemy", "62721"),  # Anatomy for Figure Drawing
            ("goodbooks", "16130549"),  # Doctor Sleep
        ),
    ),
    Judgement(
        "accountant",
        "finance",
        belongs=(
            *_c(
                "learn/wharton-accounting",
                "learn/uva-darden-financial-accounting",
                "learn/financial-accounting",
                "specializations/accounting-fundamentals",
                "learn/bookkeeping-basics",
                "professional-certificates/intuit-bookkeeping",
                "learn/uva-darden-managerial-accounting",
                "specializations/finance-accounting",
            ),
            ("edx", "course/accounting-essentials"),
            ("udemy", "48841"),  # Accounting in 60 Minutes - A Brief Introduction
            ("udemy", "302562"),  # Introduction to Accounting: The Language of Business
            ("udemy", "640100"),  # Accounting & Financial Statement Analysis
        ),
        never=(
            ("books7k", "9780385494786"),  # Into Thin Air: A Personal Account of ...
            ("goodbooks", "711901"),  # Lone Survivor: The Eyewitness Account ...
            ("goodbooks", "6853"),  # One for the Money (Stephanie Plum, #1)
        ),
    ),
    Judgement(
        "financial-analyst",
        "finance",
        belongs=(
            *_c(
                "specializations/wharton-business-financial-modeling",
                "learn/advanced-valuation-and-strategy",
                "learn/python-statistics-financial-analysis",
            ),
            ("udemy", "151668"),  # Introduction to Financial Modeling
            ("udemy", "321410"),  # Beginner to Pro in Excel: Financial Modeling and Valuation
            ("udemy", "358062"),  # Financial Modeling: Build a Complete DCF Valuation Model
            ("udemy", "648826"),  # The Complete Financial Analyst Course 2017
            ("udemy", "189160"),  # Financial Analysis: A Recipe for Success
            ("udemy", "888716"),  # Introduction to Finance, Accounting, Modeling and Valuation
            ("edx", "course/financial-analysis-for-decision-making"),
            ("goodbooks", "106835"),  # The Intelligent Investor
            ("goodbooks", "900892"),  # A Random Walk Down Wall Street
        ),
        never=(
            ("goodbooks", "116296"),  # Making Money (Discworld, #36)
            ("goodbooks", "6853"),  # One for the Money (Stephanie Plum, #1)
            ("goodbooks", "18825"),  # Money (a novel)
        ),
    ),
    Judgement(
        "digital-marketer",
        "business",
        belongs=(
            *_c(
                "professional-certificates/google-digital-marketing-ecommerce",
                "learn/foundations-of-digital-marketing-and-e-commerce",
                "specializations/digital-marketing",
                "learn/search-engine-optimization",
                "specializations/seo",
                "learn/social-media-marketing-introduction",
                "professional-certificates/facebook-social-media-marketing",
                "learn/attract-and-engage-customers",
                "professional-certificates/facebook-marketing-analytics",
            ),
            ("edx", "course/strategic-social-media-marketing"),
            ("udacity", "nd018"),  # Digital Marketing
        ),
        never=(
            ("goodbooks", "6400090"),  # The Last Song
            ("coursera", "learn/intro-chemistry"),
        ),
    ),
    Judgement(
        "project-manager",
        "business",
        belongs=(
            *_c(
                "learn/project-management-foundations",
                "professional-certificates/google-project-management",
                "learn/agile-project-management",
                "specializations/project-management",
                "learn/applying-project-management",
                "projects/introduction-project-management",
            ),
            ("edx", "course/introduction-to-project-management"),
            ("edx", "course/project-management-life-cycle"),
            ("edx", "course/usmx-applied-scrum-for-project-management-2"),
            ("datascience-multi", "4166"),  # Introduction to Project Management
            ("mit-ocw", "1-040-project-management-spring-2004"),
        ),
        never=(
            ("goodbooks", "16181775"),  # The Rosie Project
            ("books7k", "9780060515225"),  # Fragile Things
        ),
    ),
    Judgement(
        "guitar-teacher",
        "teaching",
        belongs=(
            ("coursera", "specializations/play-guitar"),
            ("coursera", "learn/edinburgh-music-theory"),
            ("udemy", "19421"),  # Free Beginner Electric Guitar Lessons
            ("udemy", "41884"),  # Getting Started with Playing Guitar
            ("udemy", "42271"),  # Complete Guitar System - Beginner to Advanced
            ("udemy", "26956"),  # Learn Guitar in 21 Days
            ("udemy", "456284"),  # The Professional Guitar Masterclass
            ("udemy", "484670"),  # Guitar Super System Level 1
            ("udemy", "648506"),  # Blues Guitar Fundamentals
            ("udemy", "198690"),  # Acoustic Guitar Basics
            ("udemy", "645202"),  # The Total Beginner's Guitar Course
        ),
        never=(
            ("goodbooks", "4332082"),  # The Piano Teacher
            ("books7k", "9780743243780"),  # Teacher Man
            ("books7k", "9780553381535"),  # Beach Music
        ),
    ),
    Judgement(
        "music-producer",
        "arts",
        belongs=(
            *_c(
                "specializations/music-production",
                "specializations/electronic-music-production",
                "specializations/business-music-production",
                "specializations/songwriting",
                "learn/edinburgh-music-theory",
            ),
            ("edx", "course/produccion-musical-y-su-efecto-en-la-composicion-2"),
        ),
        never=(
            ("books7k", "9780575066892"),  # Soul Music (Discworld)
            ("goodbooks", "16062210"),  # Music of the Heart (Runaway Train, #1)
            ("goodbooks", "18295858"),  # Frog Music
        ),
    ),
    Judgement(
        "nutritionist",
        "health",
        belongs=(
            *_c(
                "learn/childnutrition",
                "learn/nutrition-hot-topics-and-controversies",
                "learn/child-nutrition-and-health",
                "specializations/nasm-science-of-diet-and-exercise",
                "learn/decoding-nutrition-labels",
            ),
            ("edx", "course/nutrition-and-health-macronutrients-and-overnutrit"),
            ("edx", "course/nutrition-and-health-micronutrients-and-malnutriti"),
            ("edx", "course/nutrition-exercise-and-sports"),
            ("edx", "course/nutrition-heart-disease-and-diabetes"),
            ("goodbooks", "178788"),  # The China Study
            ("books7k", "9781556434303"),  # Healing with Whole Foods
        ),
        never=(
            ("goodbooks", "6665671"),  # Please Ignore Vera Dietz
            ("books7k", "9780689707490"),  # Cloudy With a Chance of Meatballs
        ),
    ),
    Judgement(
        "public-health-specialist",
        "health",
        belongs=(
            *_c(
                "specializations/professional-epidemiology",
                "specializations/biostatistics-public-health",
                "specializations/statistical-analysis-r-public-health",
                "learn/epidemiology",
                "learn/public-health-principles-systems-and-strategies",
                "learn/ai-and-public-health",
                "learn/humanitarian-public-health",
                "learn/global-disease-masterclass-communicable",
            ),
            ("edx", "course/global-public-health"),
            ("books7k", "9780786884407"),  # Betrayal of Trust: The Collapse of Global Public Health
        ),
        never=(
            ("goodbooks", "16130549"),  # Doctor Sleep
            ("goodbooks", "325421"),  # The Story of Doctor Dolittle
        ),
    ),
)
