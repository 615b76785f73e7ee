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


def _u(*ids: str) -> tuple[Ref, ...]:
    """Udemy courses, by their id."""
    return tuple(("udemy", i) for i in ids)


def _e(*ids: str) -> tuple[Ref, ...]:
    """edX courses, by the path of their URL."""
    return tuple(("edx", f"course/{i}") for i in ids)


def _g(*ids: str) -> tuple[Ref, ...]:
    """Goodreads books (goodbooks-10k), by their Goodreads id."""
    return tuple(("goodbooks", i) for i in ids)


def _b(*isbns: str) -> tuple[Ref, ...]:
    """Books of the 7k-books dataset, by ISBN-13."""
    return tuple(("books7k", i) for i in isbns)


GUIDE_JUDGED: tuple[Judgement, ...] = (
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
        relevant=(
            r"back.?end|\\bapis?\\b|\\brest(ful)?\\b|graphql|microservice|\\bservers?\\b|\\bsql\\b|database",
            r"postgres|mysql|mongodb|redis|kafka|django|flask|node\\.?js|express|spring boot|\\bjava\\b|golang|kubernetes|docker",
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
        relevant=(
            r"front.?end|html|\\bcss\\b|javascript|react|angular|vue|typescript|jquery|bootstrap|sass",
            r"web (development|developer|design|programming)|websites?\\b|user interfaces?|responsive",
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
        relevant=(
            r"data analy|analytics|\\bsql\\b|excel|tableau|power bi|dashboards?|business intelligence|\\bbi\\b",
            r"pandas|statistic|data visuali|spreadsheet|looker|data wrangling|data cleaning",
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
        relevant=(
            r"data scien|machine learning|statistic|probability|regression|pandas|scikit|deep learning",
            r"data analy|predictive|data mining|\\bsql\\b|python for data|mathematics for machine",
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
        relevant=(
            r"machine learning|deep learning|neural|tensorflow|pytorch|keras|\\bnlp\\b|natural language",
            r"computer vision|\\bai\\b|artificial intelligence|mlops|reinforcement learning|scikit|linear algebra for",
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
        relevant=(
            r"devops|docker|kubernetes|\\bci ?/ ?cd\\b|jenkins|terraform|ansible|\\bcloud\\b|\\baws\\b|azure|linux",
            r"site reliability|\\bsre\\b|containers?|gitlab|\\bgit\\b|monitoring|infrastructure|microservices",
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
        relevant=(
            r"secur|cyber|hack|penetration|malware|forensic|incident response|threat|firewall",
            r"cryptograph|network defen|\\bsoc\\b|vulnerab|risk management",
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
        relevant=(
            r"\\bux\\b|user experience|user interfaces?|\\bui\\b|usability|interaction design|design thinking|prototyp",
            r"figma|adobe xd|wirefram|user research|human.computer|\\bhci\\b|web design",
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
        relevant=(
            r"graphic design|photoshop|illustrator|indesign|typograph|logo|branding|brand identity",
            r"visual design|adobe|canva|lettering|poster|color theory|design principles|layout",
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
        relevant=(
            r"nurs|patient|clinical|anatom|physiolog|medical terminolog|pharmacolog|first aid|\\bcpr\\b",
            r"healthcare|health care|infection|dementia|palliative|caregiv|hospital",
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
        relevant=(
            r"accounting|accountan|bookkeep|audit|\\btax(es|ation)?\\b|financial statement|quickbooks|xero|\\bsage\\b",
            r"\\bcpa\\b|ledger|payroll|\\bifrs\\b|\\bgaap\\b|financial reporting|\\bfinance\\b",
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
        relevant=(
            r"financ|investment|investing|valuation|corporate finance|equity|stocks?\\b|portfolio|\\bcfa\\b",
            r"accounting|analyst|banking|capital market|budget|economics",
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
        relevant=(
            r"marketing|\\bseo\\b|social media|advertis|\\bads\\b|google analytics|content strategy|copywriting",
            r"facebook|instagram|youtube|branding|growth hack|\\bppc\\b|affiliate|leads|e-?commerce",
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
        relevant=(
            r"project manag|agile|scrum|\\bpmp\\b|kanban|risk management|project planning|prince2",
            r"\\blean\\b|leadership|stakeholder|microsoft project|\\bjira\\b|project (delivery|management)",
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
        relevant=(
            r"guitar|music theory|ear training|music (education|lessons)|teaching music|\\bchords?\\b",
            r"\\bblues\\b|songwriting|fingerstyle|ukulele|teach (an )?instrument",
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
        relevant=(
            r"music production|produc(er|ing)|mixing|mastering|audio|sound (design|engineer)|recording",
            r"ableton|logic pro|fl studio|pro tools|\\bdaw\\b|synth|beats?\\b|songwrit|music theory|electronic music|vocal|music business",
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
        relevant=(
            r"nutrition|diet|\\bfood\\b|eating|obesity|diabetes|vitamin|metabol|weight loss|nutrient",
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
        relevant=(
            r"public health|epidemiolog|global health|biostatist|health (policy|systems|equity|effects)",
            r"disease|pandemic|covid|vaccin|infectio|toxicolog|environmental health|nutrition|community health|outbreak",
        ),
    ),
    Judgement(
        "astronomer",
        "science",
        belongs=(
            *_e(
                "astrophysics-cosmology",
                "astrophysics-the-violent-universe",
                "astrophysics-exploring-exoplanets",
                "introduction-to-astrophysics",
                "greatest-unsolved-mysteries-of-the-universe",
                "from-atoms-to-stars-how-physics-explains-our-world",
            ),
            *_c("learn/einstein-relativity"),
        ),
        never=(*_b("9780440227533", "9780345453747", "9780425134351", "9780345418777"),),
        relevant=(
            r"astronom|astrophysic|cosmolog|telescope|planet|universe|galax|\bstars?\b|cosmos",
            r"physics|relativity|quantum|space|solar system|black hole|gravit",
        ),
    ),
    Judgement(
        "environmental-scientist",
        "science",
        belongs=(
            *_c(
                "learn/sustainability",
                "learn/ecology-conservation",
                "learn/environmental-law",
                "learn/circular-economy",
            ),
            *_e(
                "introduction-to-water-and-climate",
                "energy-within-environmental-constraints",
                "climate-change-carbon-capture-and-storage",
                "natural-resources-for-sustainable-development",
            ),
            ("datascience-multi", "26"),  # Geographic Information Systems (GIS)
        ),
        never=(
            *_b("9780553379334"),
            *_c("learn/introduction-embedded-systems"),
            ("datascience-multi", "2686"),  # The R Programming Environment
        ),
        relevant=(
            r"environment(?!s\b)|climate|ecolog|sustainab|pollution|conservation|water|\bgis\b",
            r"geograph|biodivers|energy|carbon|emission|ecosystem|toxicolog|renewable|earth",
        ),
    ),
)

# --- careers only O*NET describes (no guide): food, trades, teaching, finance, arts, law,
# science, business, health. Judged from the catalog's titles and descriptions.
ONET_JUDGED: tuple[Judgement, ...] = (
    Judgement(
        "chefs-and-head-cooks",
        "food",
        belongs=(
            *_g("129650", "101255", "603204", "8459594", "13069213"),
            *_b("9780060899226", "9780471292517"),
            *_e("science-cooking-from-haute-cuisine-to-soft-matter"),
            *_c("specializations/food-sustainability-mindful-eating-healthy-cooking"),
            *_u("2788276", "3117290", "1324662"),
        ),
        never=(
            *_g("6837103", "954303", "33443", "8695", "767680"),
            *_b("9780143038108", "9780596527419"),
            *_c("learn/apply-chef-automate-cloud-infrastructure-projects"),
            *_u("189160"),
        ),
        relevant=(
            r"\bcook(s|ing|ed)?\b|cookbook|culinary|\bchefs?\b|recipes|cuisine|kitchen",
            r"baking|pastr|dessert|food safety|haccp|\bmenu|restaurant|\bfood\b",
        ),
    ),
    Judgement(
        "bakers",
        "food",
        belongs=(
            *_g("1009996", "184644", "153136", "39542", "402017", "5103512"),
            *_b("9781400044740", "9780881507195", "9780471292517"),
            *_u("2345070", "1468654", "863588"),
        ),
        never=(
            *_g("12547098", "76248", "828015", "7048800", "2195289"),
            *_b("9780802141682", "9781575667218"),
            *_u("1111788", "1018530"),
        ),
        relevant=(
            r"bak(e|er|ery|ing)\b|bread|pastr|\bcakes?\b|cupcake|dessert|cookies|fondant",
            r"\bcook(s|ing)?\b|cookbook|recipes|food safety|kitchen|culinary|chef",
        ),
    ),
    Judgement(
        "bartenders",
        "food",
        belongs=(
            *_e("world-of-wine-from-grape-to-glass", "the-science-of-beer"),
            *_c(
                "learn/wine",
                "specializations/beer-quality-1",
                "learn/beer-quality-freshness",
                "learn/food-beverage-management",
            ),
            *_b("9781565124820", "9781557046864"),
            *_u("34177"),
        ),
        never=(
            *_g("15858248", "18775203", "50033", "15101", "9010"),
            *_b("9780312970079"),
            *_u("388286"),
            *_c("learn/angular-routing"),
        ),
        relevant=(
            r"bartend|cocktail|\bwines?\b|\bbeer\b|mixolog|beverage|\bbars?\b|coffee shop",
            r"restaurant|hospitality|food safety|\bf&b\b",
        ),
    ),
    Judgement(
        "food-service-managers",
        "food",
        belongs=(
            *_c("learn/food-beverage-management"),
            *_u("3013842", "2021662", "2404104", "2490020", "255742", "2788276"),
            *_u("1210978", "2783066", "1938928", "34177", "3117290"),
        ),
        never=(*_g("8695", "77699", "3367956"),),
        relevant=(
            r"restaurant|food (&|and) beverage|\bf&b\b|food safety|haccp|iso 22000|catering",
            r"hospitality|hotel management|food business|\bmenu|kitchen|culinary|\bcook",
        ),
    ),
    Judgement(
        "electricians",
        "trades",
        belongs=(
            *_u("1965982", "1211194", "2457768", "2464256", "1353866", "1356158", "2395690"),
            *_u("1337040"),
            ("datascience-multi", "4330"),  # Ultimate Electric Circuits Course
            ("datascience-multi", "2938"),  # Basic Fundamentals of Electricity and DC Circuits
            ("datascience-multi", "2940"),  # Electrical Power Transformers
            *_c("learn/linear-circuits-dcanalysis"),
            *_e("circuits-and-electronics-1-basic-circuit-analysi-2"),
        ),
        never=(
            *_g("7082", "7442", "6686671"),
            *_u("19421", "1159988", "277770"),
            *_e("fundamentals-of-neuroscience-part-1-the-electrical"),
        ),
        relevant=(
            r"electric(al|ity|ian)|wiring|circuit|voltage|transformer|power system|\bplc\b",
            r"solar|photovoltaic|\bpv\b|substation|switchgear|lighting|eplan|installation",
        ),
    ),
    Judgement(
        "solar-photovoltaic-installers",
        "trades",
        belongs=(
            *_e(
                "solar-energy-3",
                "solar-energy-photovoltaic-pv-energy-conversion",
                "solar-energy-integration-of-photovoltaic-systems-i",
            ),
            *_c("learn/solar-energy-basics", "learn/solar-energy-system-design"),
            *_u("2524516", "524888", "824846", "1477198", "747124", "3346632"),
            ("datascience-multi", "3888"),  # Ultimate Solar Energy Course
        ),
        never=(*_g("95558", "7140754"),),
        relevant=(
            r"solar|photovoltaic|\bpv\b|renewable|electric(al|ity)|wiring|circuit|off.grid",
            r"energy (system|storage)|batter(y|ies)|inverter",
        ),
    ),
    Judgement(
        "automotive-service-technicians-and-mechanics",
        "trades",
        belongs=(
            *_e(
                "electric-and-conventional-vehicles",
                "hybrid-vehicles",
                "electric-cars-technology",
                "electric-cars-introduction",
            ),
            *_u("1753526", "1551622"),
            *_c("learn/batteries-and-electric-vehicles"),
        ),
        never=(*_g("232109", "13448656", "172732"), *_u("836926", "652404")),
        relevant=(
            r"automotive|vehicle|\bcars?\b|\bauto repair|engine|motorcycle maintenance",
            r"batter(y|ies)|electric(al)? (systems|circuits)|mechanic(?!s)",
        ),
    ),
    Judgement(
        "construction-managers",
        "trades",
        belongs=(
            *_c("learn/construction-project-management", "specializations/construction-management"),
            ("datascience-multi", "2731"),  # Data Science for Construction, Architecture, ...
        ),
        never=(*_g("5114", "9791"), *_e("software-construction-object-oriented-design")),
        relevant=(
            r"construction|building|project management|civil engineer|structural|site plan",
            r"contract|estimat|scheduling|safety|architect|autocad|revit|bim\b",
        ),
    ),
    Judgement(
        "elementary-school-teachers-except-special-education",
        "teaching",
        belongs=(
            *_c(
                "specializations/teacher-sel",
                "specializations/uncommon-sense-teaching-certificate",
                "learn/child-development",
                "learn/literacy-teaching-learning",
            ),
            *_e(
                "understanding-classroom-interaction",
                "leading-ambitious-teaching-and-learning",
                "teaching-learning-in-the-diverse-classroom",
                "the-best-start-in-life-early-childhood-development",
            ),
            *_b("9781593854461"),
        ),
        never=(*_g("4332082"), *_u("706132")),
        relevant=(
            r"teach|classroom|pedagog|educat|child(ren)?\b|literacy|\bkids\b|lesson|curriculum",
            r"learning (theor|disab|difficult)|reading|phonics|parent",
        ),
    ),
    Judgement(
        "adult-basic-education-adult-secondary-education-and-english-as-a-second-language-instructors",
        "teaching",
        belongs=(
            *_c(
                "learn/english-principles",
                "specializations/tesol",
                "professional-certificates/arizona-state-university-tesol",
                "specializations/tesol-certificate-2",
                "learn/teaching-english-capstone-2",
                "learn/teaching-common-grammar-mistakes",
            ),
            *_u("1702784", "2346132"),
        ),
        never=(*_b("9780743243780"), *_g("4332082")),
        relevant=(
            r"teach|tesol|tefl|\besl\b|english|grammar|classroom|pedagog|literacy|language",
            r"educat|instruct|lesson|curriculum|adult learn|vocabulary",
        ),
    ),
    Judgement(
        "instructional-coordinators",
        "teaching",
        belongs=(
            *_c(
                "learn/instructional-design-foundations-applications",
                "learn/packt-create-elearning-courses-with-articulate-storyline-360-a0aoa",
                "learn/excellence-in-online-teaching",
            ),
            *_e(
                "instructional-design-and-technology-learning-the-2",
                "instructional-design-digital-media-new-tools-and-2",
                "introduction-to-data-wise-a-collaborative-process",
                "leading-ambitious-teaching-and-learning",
            ),
            *_u("615696", "1691534", "197288", "1153326", "3022668"),
        ),
        never=(*_u("2626524", "2995888", "3236497"),),
        relevant=(
            r"instruction|e-?learning|curricul|teach|pedagog|educat|classroom|learning (design|theor)",
            r"course (design|creation)|articulate|storyline|moodle|\blms\b|training design",
        ),
    ),
    Judgement(
        "personal-financial-advisors",
        "finance",
        belongs=(
            *_c(
                "learn/financial-planning",
                "specializations/investment-management",
                "specializations/investment-portolio-management",
            ),
            *_e("introduction-to-investments"),
            *_u("1356742", "905228", "787836", "885974", "44784", "206908", "770656", "34815"),
            *_g("106835"),  # The Intelligent Investor
        ),
        never=(
            *_c("learn/international-law-in-action-2"),
            *_g("140302", "214332"),
            *_u("1223900"),
        ),
        relevant=(
            r"personal financ|financial (plan|advis|literacy)|retirement|wealth|invest|portfolio",
            r"\bmoney\b|budget|insurance|estate plan|\btax|stocks?\b|bonds?\b|asset|finance",
        ),
    ),
    Judgement(
        "actuaries",
        "finance",
        belongs=(
            ("datascience-multi", "1751"),  # Introduction to Actuarial Science
            *_e("introduction-to-actuarial-science", "introduction-to-probability"),
            *_u("998872", "50951", "53004", "2474716"),
            *_e(
                "probability-the-science-of-uncertainty-and-data",
                "fat-chance-probability-from-the-ground-up-2",
            ),
        ),
        never=(*_g("10798416"), *_u("344178", "1217778")),
        relevant=(
            r"actuar|insurance|probabilit|statistic|risk (model|management|analy)|stochastic",
            r"mathemat|calculus|financial math|annuit|mortality|regression|data analy|excel",
        ),
    ),
    Judgement(
        "photographers",
        "arts",
        belongs=(
            *_c("specializations/photography-basics"),
            *_g("497164", "52372"),  # Camera Lucida; On Photography
            *_u("782950", "382844", "585566", "832870", "1219814", "994570", "328100", "1057528"),
            *_u("368958"),
        ),
        never=(*_b("9780141439631"), *_g("232145"), *_u("760814", "1630738")),
        relevant=(
            r"photograph|\bphotos?\b|camera(?! confidence)|lightroom|photoshop|\bportrait(?! of)",
            r"exposure|lighting|image editing|photo editing|drone",
        ),
    ),
    Judgement(
        "film-and-video-editors",
        "arts",
        belongs=(
            *_c("learn/mastering-final-cut-pro"),
            *_u("1199810", "1355694", "380826", "636422", "533104", "1038260", "410974"),
            ("datascience-multi", "681"),  # Multicamera Editing in Adobe Premiere Pro
        ),
        never=(*_g("10112885", "8346300"), *_b("9780452253803")),
        relevant=(
            r"video|film|premiere|final cut|after effects|davinci|editing|motion graphics",
            r"cinemat|movie|youtube|color grad|post.production|animation|camtasia",
        ),
    ),
    Judgement(
        "lawyers",
        "law",
        belongs=(
            *_c(
                "learn/american-law",
                "learn/intro-common-law",
                "learn/contracts-1",
                "learn/corporate-commercial-law-part1",
                "specializations/introduction-intellectual-property",
            ),
            *_e(
                "contract-law-from-trust-to-promise-to-contract",
                "international-law",
                "cs50-for-lawyers",
                "intellectual-property-law-and-policy-part-1",
                "international-human-rights-law",
            ),
        ),
        never=(*_g("79885", "25387351", "944073", "16096824", "7824997"), *_b("9780385339094")),
        relevant=(
            r"\blaw\b|legal|lawyer|attorney|litigation|contract|court|justice|constitution",
            r"intellectual property|copyright|patent|trademark|compliance|regulat|arbitration|gdpr",
        ),
    ),
    Judgement(
        "paralegals-and-legal-assistants",
        "law",
        belongs=(
            *_c("learn/american-law", "learn/intro-common-law", "learn/contracts-1"),
            *_e("contract-law-from-trust-to-promise-to-contract", "cs50-for-lawyers"),
            *_c("learn/corporate-commercial-law-part1"),
        ),
        never=(*_g("79885", "25387351", "944073", "16096824"), *_b("9780385339094")),
        relevant=(
            r"\blaw\b|legal|lawyer|attorney|litigation|contract|court|justice|paralegal",
            r"intellectual property|copyright|patent|trademark|compliance|regulat|gdpr",
        ),
    ),
    Judgement(
        "arbitrators-mediators-and-conciliators",
        "law",
        belongs=(
            *_c("learn/arbitration-international-disputes"),
            *_e("contract-law-from-trust-to-promise-to-contract", "international-law"),
            *_c("learn/american-law"),
        ),
        never=(*_g("79885", "16096824"),),
        relevant=(
            r"\blaw\b|legal|arbitrat|mediat|negotiat|conflict|dispute|contract|court|justice",
            r"lawyer|attorney|litigation|labor relations",
        ),
    ),
    Judgement(
        "chemists",
        "science",
        belongs=(
            *_c("learn/intro-chemistry", "learn/organometallic-catalysis-in-sustainable-chemistry"),
            *_e(
                "principles-of-biochemistry",
                "the-chemistry-of-life",
                "basic-analytical-chemistry",
                "biochemistry-biomolecules-methods-and-mechanisms",
                "from-fossil-resources-to-biomass-a-chemistry-persp",
                "med-001",
            ),
        ),
        never=(*_b("9780061122415"), *_u("2717236", "2034698")),
        relevant=(
            r"chemi|molecul|biochem|spectroscop|laborator|reaction|catalys|polymer|materials",
            r"thermodynam|toxicolog|pharmac|drug discovery|atoms?\b",
        ),
    ),
    Judgement(
        "physicists",
        "science",
        belongs=(
            *_c("learn/how-things-work", "learn/einstein-relativity"),
            *_e(
                "ap-physics-1",
                "mechanics-kinematics-and-dynamics",
                "mechanics-momentum-and-energy",
                "from-atoms-to-stars-how-physics-explains-our-world",
                "astrophysics-cosmology",
                "introduction-to-astrophysics",
            ),
        ),
        never=(*_b("9780670037773"), *_u("82982")),
        relevant=(
            r"physics|quantum|mechanics|relativity|thermodynam|electromagnet|particle|optic",
            r"astrophysic|cosmolog|atoms?\b|nuclear|calculus|differential equation|laser",
        ),
    ),
    Judgement(
        "human-resources-specialists",
        "business",
        belongs=(
            *_c(
                "specializations/human-resource-management",
                "learn/human-resources-analytics",
                "specializations/hr-management-leadership",
                "learn/talent-acquisition",
                "professional-certificates/hrci-human-resource-associate",
            ),
            *_u("125808", "1535430", "1495814", "1426946", "1263000", "2874530", "1434700"),
        ),
        never=(*_u("1349152"), *_e("proteins-biologys-workforce")),
        relevant=(
            r"human resource|\bhr\b|\bhrm\b|recruit|hiring|talent|employee|onboarding|payroll",
            r"compensation|interview|workforce|labor|employment law|people manage|performance review",
        ),
    ),
    Judgement(
        "logisticians",
        "business",
        belongs=(
            *_c(
                "learn/supply-chain-logistics",
                "specializations/supply-chain-management",
                "learn/supply-chain-principles",
                "specializations/procurement-sourcing",
                "learn/wharton-operations",
            ),
            *_e(
                "supply-chain-analytics",
                "operations-management",
                "supply-chain-dynamics",
                "master-control-in-supply-chain-management-and-logi",
            ),
        ),
        never=(("datascience-multi", "1431"), ("datascience-multi", "2952")),
        relevant=(
            r"supply chain|logistic(?! regression)|procurement|inventory|warehous|operations manag",
            r"freight|shipping|transport|distribution|sourcing|lean|six sigma|forecast",
        ),
    ),
    Judgement(
        "clinical-and-counseling-psychologists",
        "health",
        belongs=(
            *_c(
                "learn/introduction-psychology",
                "learn/psychological-first-aid",
                "learn/positive-psychiatry",
                "specializations/abnormal-psychology",
            ),
            *_e(
                "introduction-to-clinical-psychology",
                "existential-well-being-counseling-a-person-centere",
                "introduction-to-developmental-psychology",
                "talk-to-me-improving-mental-health",
            ),
            *_u("998942", "1022836"),
        ),
        never=(*_u("519050", "2789684", "3332408"),),
        relevant=(
            r"psycholog|psychiatr|therap|mental health|counsel|\bcbt\b|depress|anxiety|trauma",
            r"addiction|well-?being|stress|behavio|mindfulness|cognitive|emotion",
        ),
    ),
)

JUDGED = GUIDE_JUDGED + ONET_JUDGED
