"""A deterministic, realistic corpus of canonical feed rows (JSON Lines) for benchmarks.

    python bench/corpus.py --size 150000 [--out bench/corpus/resources-150000.jsonl]

Other benchmarks import it: ``from corpus import ensure_corpus; path = ensure_corpus(150_000)``.

The rows are one third courses and two thirds books, spread over 17 fields of study with
Zipf-like popularity. Titles and descriptions come from a small per-field term model: terms
are drawn by rank (a Zipf unigram model) or, half the time, as a neighbour of the previous
term in the field's list (a bigram-like model: the lists are written in related groups), and
set into sentence templates with English glue words. Skills are canonical names from the
product's ``skills.txt``; topics come from a fixed taxonomy of 68 paths; providers,
publishers and names from fixed pools.

One random stream is consumed row by row and nothing depends on the corpus size, so the
first N rows of a larger corpus are the corpus of size N. Memory stays constant: rows are
written as they are made, to a temporary file renamed into place when complete.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
from bisect import bisect
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
CORPUS_DIR = BENCH_DIR / "corpus"
SKILLS_FILE = BENCH_DIR.parent / "src" / "courseatlas" / "catalog" / "data" / "skills.txt"
DEFAULT_SEED = 20261129
SOURCE = "bench"
THIS_YEAR = 2026  # Fixed, not today's year, so that the corpus never changes.

# --- The fields of study: taxonomy paths, canonical skills and a term list per field. -------
# Terms are listed in related groups: neighbours in a list make the "bigram" transitions.


@dataclass(frozen=True)
class FieldSpec:
    name: str
    weight: float
    topics: tuple[str, ...]
    skills: tuple[str, ...]
    terms: tuple[str, ...]
    verbs: tuple[str, ...]


def _split(text: str, separator: str) -> tuple[str, ...]:
    """Items of a list written over several lines, with their spaces normalised."""
    items = (" ".join(item.split()) for item in text.split(separator))
    return tuple(item for item in items if item)


def _terms(text: str) -> tuple[str, ...]:
    return _split(text, ",")


def _names(text: str) -> tuple[str, ...]:
    """Skill names separated by ``|``, as in the product's skills.txt."""
    return _split(text, "|")


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "software",
        12,
        (
            "Computer Science > Programming Languages > Python",
            "Computer Science > Programming Languages > JavaScript",
            "Computer Science > Software Engineering > Testing",
            "Computer Science > Software Engineering > Architecture",
        ),
        _names("""
            Python | JavaScript | TypeScript | Java | Go | Rust | Git |
            Object-Oriented Programming | Functional Programming | Software Testing |
            Test-Driven Development | Debugging | Data Structures | Algorithms |
            System Design | API Design | Concurrency | Compilers
        """),
        _terms("""
            Python, functions, modules, packages, virtual environments, type hints, generators,
            decorators, context managers, exceptions, classes, objects, inheritance, interfaces,
            composition, design patterns, dependency injection, clean code, refactoring,
            code review, pull requests, version control, Git branches, merge conflicts,
            unit tests, integration tests, test fixtures, mocking, test coverage,
            continuous integration, debugging, logging, profiling, memory leaks, performance,
            algorithms, data structures, linked lists, hash tables, binary trees, graphs,
            sorting, recursion, dynamic programming, big-O notation, concurrency, threads,
            async code, event loops, immutability, pure functions, closures, iterators,
            JavaScript, TypeScript, Java, Go, Rust, ownership, borrowing, generics, compilers,
            parsers, interpreters, static analysis, software architecture, modular design,
            domain-driven design, command-line tools, libraries, APIs, documentation
        """),
        ("write", "refactor", "test", "debug", "structure", "profile", "package"),
    ),
    FieldSpec(
        "databases",
        5,
        (
            "Computer Science > Databases > SQL",
            "Computer Science > Databases > NoSQL",
            "Computer Science > Databases > Database Administration",
            "Computer Science > Databases > Data Modeling",
        ),
        _names("""
            SQL | PostgreSQL | MySQL | SQLite | MongoDB | Redis | Elasticsearch |
            Data Modeling | Performance Tuning | Caching | System Design
        """),
        _terms("""
            SQL, SELECT queries, joins, subqueries, window functions, aggregates, GROUP BY,
            common table expressions, views, stored procedures, triggers, relational databases,
            tables, primary keys, foreign keys, constraints, normalization, schemas,
            entity-relationship diagrams, data modeling, indexes, B-tree indexes, query plans,
            query optimization, the query planner, EXPLAIN, statistics, transactions,
            isolation levels, locking, deadlocks, MVCC, write-ahead logging, replication,
            failover, backups, point-in-time recovery, partitioning, sharding, connection pools,
            PostgreSQL, MySQL, SQLite, MongoDB, documents, collections, key-value stores, Redis,
            caching, full-text search, Elasticsearch, inverted indexes, time-series data,
            JSON columns, migrations, database administration, monitoring, vacuum, storage
            engines, data integrity, ACID guarantees, eventual consistency, CAP theorem,
            OLTP workloads, OLAP workloads
        """),
        ("query", "index", "model", "tune", "normalize", "migrate", "back up"),
    ),
    FieldSpec(
        "web",
        10,
        (
            "Computer Science > Web Development > Frontend",
            "Computer Science > Web Development > Backend",
            "Computer Science > Web Development > Full Stack",
            "Computer Science > Mobile Development",
        ),
        _names("""
            HTML | CSS | JavaScript | TypeScript | React | Vue.js | Angular | Node.js |
            Django | Flask | FastAPI | Ruby on Rails | REST APIs | GraphQL | Web Development |
            Mobile App Development | Android Development | iOS Development | Accessibility
        """),
        _terms("""
            HTML, semantic markup, CSS, flexbox, CSS grid, responsive layouts, media queries,
            web fonts, animations, the DOM, events, forms, form validation, accessibility,
            JavaScript, TypeScript, React, components, hooks, state management, props,
            Vue.js, Angular, single-page applications, routing, server-side rendering,
            static sites, bundlers, build tools, npm packages, Node.js, Express, middleware,
            REST APIs, GraphQL, HTTP, cookies, sessions, authentication, OAuth, JSON Web Tokens,
            web security, cross-site scripting, CORS, Django, Flask, FastAPI, Ruby on Rails,
            templates, ORMs, background jobs, websockets, web performance, caching headers,
            progressive web apps, mobile apps, Android, Kotlin, iOS, Swift, SwiftUI,
            React Native, Flutter, app stores, push notifications, deployment, hosting
        """),
        ("build", "style", "render", "ship", "deploy", "lay out", "fetch"),
    ),
    FieldSpec(
        "cloud",
        7,
        (
            "Computer Science > Cloud Computing > AWS",
            "Computer Science > Cloud Computing > Containers",
            "Computer Science > DevOps > CI/CD",
            "Computer Science > Systems > Linux",
        ),
        _names("""
            Amazon Web Services | Microsoft Azure | Google Cloud Platform | Cloud Computing |
            Docker | Kubernetes | Terraform | DevOps | CI/CD | Linux | Bash | Observability |
            Microservices | Distributed Systems | Message Queues | Computer Networking |
            Operating Systems
        """),
        _terms("""
            cloud computing, AWS, EC2 instances, S3 buckets, IAM roles, VPCs, load balancers,
            auto scaling, serverless functions, Lambda, Azure, Google Cloud, managed databases,
            object storage, regions, availability zones, cost optimization, containers, Docker,
            images, Dockerfiles, registries, Kubernetes, pods, deployments, services, Helm charts,
            ingress, service meshes, infrastructure as code, Terraform, modules, state files,
            configuration management, Ansible, CI/CD, pipelines, build agents, artifacts,
            release strategies, blue-green deployments, canary releases, feature flags, DevOps,
            site reliability engineering, SLOs, error budgets, incident response, on-call,
            observability, metrics, logs, traces, dashboards, alerting, Prometheus, Linux,
            the shell, Bash scripts, processes, file systems, permissions, systemd, networking,
            DNS, TLS certificates, firewalls, microservices, message queues, distributed systems
        """),
        ("deploy", "automate", "provision", "scale", "monitor", "containerize", "operate"),
    ),
    FieldSpec(
        "security",
        5,
        (
            "Computer Science > Security > Network Security",
            "Computer Science > Security > Cryptography",
            "Computer Science > Security > Ethical Hacking",
            "Computer Science > Security > Application Security",
        ),
        _names("""
            Cybersecurity | Network Security | Cryptography | Penetration Testing | Linux |
            Computer Networking | Python | Risk Management
        """),
        _terms("""
            cybersecurity, threat models, attack surfaces, vulnerabilities, exploits, malware,
            ransomware, phishing, social engineering, network security, firewalls, intrusion
            detection, VPNs, packet capture, Wireshark, port scanning, Nmap, penetration testing,
            ethical hacking, reconnaissance, privilege escalation, password cracking,
            web application security, SQL injection, cross-site scripting, the OWASP Top Ten,
            secure coding, code audits, cryptography, symmetric encryption, public-key
            cryptography, hash functions, digital signatures, certificates, TLS, key management,
            authentication, multi-factor authentication, access control, zero trust,
            security operations, SIEM, log analysis, incident response, digital forensics,
            threat intelligence, risk assessment, compliance, security policies, audits,
            cloud security, identity management, hardening, patch management, backups,
            capture-the-flag challenges, red teams, blue teams
        """),
        ("secure", "detect", "exploit", "audit", "encrypt", "harden", "investigate"),
    ),
    FieldSpec(
        "data",
        10,
        (
            "Data Science > Data Analysis",
            "Data Science > Data Visualization",
            "Data Science > Statistics",
            "Data Science > Data Engineering",
        ),
        _names("""
            Data Analysis | Data Visualization | Statistics | Probability | Pandas | NumPy |
            Microsoft Excel | Tableau | Power BI | A/B Testing | Apache Spark |
            Data Engineering | Data Warehousing | Big Data | Jupyter | SQL | Regression |
            Time Series Analysis | Python
        """),
        _terms("""
            data analysis, datasets, spreadsheets, Excel formulas, pivot tables, data cleaning,
            missing values, outliers, data wrangling, pandas, DataFrames, NumPy arrays, Jupyter
            notebooks, exploratory analysis, descriptive statistics, distributions, sampling,
            hypothesis tests, p-values, confidence intervals, A/B tests, experiments,
            correlation, linear regression, logistic regression, time series, forecasting,
            seasonality, data visualization, charts, dashboards, Tableau, Power BI, storytelling
            with data, KPIs, business metrics, cohort analysis, funnels, SQL queries, data
            pipelines, ETL, data warehouses, data lakes, dimensional modeling, star schemas,
            batch processing, stream processing, Apache Spark, Kafka, Airflow, data quality,
            data governance, big data, cloud warehouses, BigQuery, Snowflake, parquet files,
            data engineering, reproducible analysis
        """),
        ("analyse", "clean", "visualise", "summarise", "forecast", "query", "report"),
    ),
    FieldSpec(
        "ml",
        9,
        (
            "Data Science > Machine Learning",
            "Data Science > Machine Learning > Deep Learning",
            "Data Science > Artificial Intelligence > Natural Language Processing",
            "Data Science > Artificial Intelligence > Computer Vision",
        ),
        _names("""
            Machine Learning | Deep Learning | Natural Language Processing | Computer Vision |
            Artificial Intelligence | Generative AI | scikit-learn | TensorFlow | PyTorch |
            Python | Linear Algebra | Probability | Statistics
        """),
        _terms("""
            machine learning, supervised learning, unsupervised learning, classification,
            regression models, decision trees, random forests, gradient boosting, XGBoost,
            support vector machines, clustering, k-means, dimensionality reduction, PCA,
            feature engineering, feature selection, cross-validation, overfitting,
            regularization, hyperparameter tuning, model evaluation, precision and recall,
            ROC curves, scikit-learn, neural networks, deep learning, backpropagation,
            gradient descent, loss functions, activation functions, PyTorch, TensorFlow, Keras,
            GPUs, convolutional networks, image classification, object detection, segmentation,
            computer vision, recurrent networks, sequence models, transformers, attention,
            embeddings, natural language processing, tokenization, text classification,
            sentiment analysis, named entity recognition, language models, large language
            models, fine-tuning, prompt engineering, retrieval-augmented generation, generative
            AI, diffusion models, reinforcement learning, recommender systems, MLOps, model
            deployment, model monitoring, responsible AI, bias and fairness
        """),
        ("train", "evaluate", "tune", "predict", "classify", "fine-tune", "deploy"),
    ),
    FieldSpec(
        "math",
        4,
        (
            "Mathematics > Algebra",
            "Mathematics > Calculus",
            "Mathematics > Probability and Statistics",
            "Mathematics > Discrete Mathematics",
        ),
        _names("""
            Mathematics | Linear Algebra | Calculus | Probability | Statistics |
            Problem Solving | Critical Thinking
        """),
        _terms("""
            arithmetic, fractions, equations, inequalities, functions, polynomials, exponents,
            logarithms, algebra, linear equations, systems of equations, matrices, vectors,
            determinants, eigenvalues, eigenvectors, linear transformations, vector spaces,
            linear algebra, limits, continuity, derivatives, the chain rule, integrals,
            integration techniques, series, sequences, Taylor series, multivariable calculus,
            partial derivatives, gradients, differential equations, calculus, trigonometry,
            geometry, proofs, induction, sets, logic, combinatorics, counting, permutations,
            graph theory, number theory, modular arithmetic, discrete mathematics, probability,
            random variables, expectation, variance, Bayes' theorem, distributions,
            the central limit theorem, statistics, estimation, optimization, numerical methods,
            mathematical modeling, problem solving
        """),
        ("solve", "prove", "compute", "derive", "simplify", "estimate", "model"),
    ),
    FieldSpec(
        "design",
        6,
        (
            "Design > User Experience",
            "Design > Graphic Design",
            "Design > Web Design",
            "Design > Photography",
        ),
        _names("""
            User Experience Design | User Interface Design | Graphic Design | Typography |
            Figma | Adobe Photoshop | Adobe Illustrator | Adobe InDesign | Branding |
            Color Theory | Web Design | Prototyping | User Research | Accessibility |
            Illustration | Motion Graphics | 3D Modeling | Photography | Video Editing
        """),
        _terms("""
            user experience, user research, interviews, personas, journey maps, usability
            testing, information architecture, navigation, wireframes, prototypes, Figma,
            design systems, components, interaction design, microinteractions, user interfaces,
            visual hierarchy, layout, grids, white space, typography, typefaces, color theory,
            color palettes, contrast, accessibility, inclusive design, icons, illustration,
            Adobe Illustrator, vector graphics, Adobe Photoshop, photo retouching, Adobe
            InDesign, print layouts, branding, logos, brand identity, style guides, packaging,
            posters, editorial design, graphic design, web design, landing pages, responsive
            design, motion graphics, animation, video editing, storyboards, 3D modeling,
            rendering, photography, composition, lighting, exposure, lenses, portraits,
            design critique, portfolios
        """),
        ("design", "sketch", "prototype", "test", "illustrate", "compose", "critique"),
    ),
    FieldSpec(
        "business",
        8,
        (
            "Business > Management > Leadership",
            "Business > Management > Project Management",
            "Business > Entrepreneurship",
            "Business > Strategy",
        ),
        _names("""
            Project Management | Product Management | Leadership | Management |
            Entrepreneurship | Business Strategy | Negotiation | Communication | Agile |
            Operations Management | Supply Chain Management | Risk Management |
            Business Analysis | Human Resources | Public Speaking
        """),
        _terms("""
            leadership, management, teams, delegation, feedback, coaching, one-on-one meetings,
            motivation, performance reviews, hiring, onboarding, company culture, human
            resources, conflict resolution, negotiation, communication, presentations, public
            speaking, decision making, project management, project plans, scope, schedules,
            budgets, stakeholders, risk registers, Agile, Scrum, sprints, Kanban, retrospectives,
            product management, roadmaps, user stories, product discovery, prioritization,
            business strategy, competitive advantage, business models, value propositions,
            market analysis, SWOT analysis, entrepreneurship, startups, business plans,
            fundraising, venture capital, lean startup, minimum viable products, growth,
            operations management, processes, supply chains, logistics, inventory, quality
            management, business analysis, requirements, change management, remote work
        """),
        ("lead", "plan", "manage", "prioritize", "negotiate", "launch", "grow"),
    ),
    FieldSpec(
        "marketing",
        5,
        (
            "Business > Marketing > Digital Marketing",
            "Business > Marketing > SEO",
            "Business > Marketing > Social Media",
            "Business > Sales",
        ),
        _names("""
            Marketing | Digital Marketing | Search Engine Optimization |
            Social Media Marketing | Content Marketing | Sales | Branding | Writing |
            A/B Testing | Customer Service | Communication
        """),
        _terms("""
            marketing, target audiences, customer segments, positioning, messaging, brand
            strategy, marketing plans, campaigns, digital marketing, search engine optimization,
            keywords, backlinks, technical SEO, content marketing, blogging, copywriting,
            headlines, email marketing, newsletters, marketing automation, social media,
            Instagram, LinkedIn, TikTok, influencers, community management, paid advertising,
            Google Ads, pay-per-click, conversion rates, landing pages, A/B tests, web analytics,
            Google Analytics, attribution, customer acquisition cost, lifetime value, growth
            marketing, referral programs, sales, prospecting, cold outreach, sales calls,
            objection handling, closing, sales funnels, CRM systems, account management,
            customer service, customer retention, pricing, e-commerce, product launches,
            public relations, market research
        """),
        ("promote", "sell", "reach", "convert", "measure", "position", "write"),
    ),
    FieldSpec(
        "finance",
        5,
        (
            "Business > Finance > Accounting",
            "Business > Finance > Investing",
            "Business > Finance > Corporate Finance",
            "Social Sciences > Economics",
        ),
        _names("""
            Finance | Accounting | Financial Analysis | Investing | Economics |
            Microsoft Excel | Risk Management | Statistics
        """),
        _terms("""
            accounting, bookkeeping, double-entry accounting, journal entries, ledgers,
            financial statements, balance sheets, income statements, cash flow statements,
            accruals, depreciation, auditing, taxes, payroll, budgeting, forecasting, financial
            analysis, financial ratios, financial modeling, Excel models, valuation, discounted
            cash flow, net present value, cost of capital, corporate finance, capital
            budgeting, mergers and acquisitions, investing, stocks, bonds, index funds, ETFs,
            portfolios, diversification, asset allocation, risk and return, options, futures,
            derivatives, trading, technical analysis, fundamental analysis, personal finance,
            retirement planning, compound interest, credit, banking, interest rates, inflation,
            monetary policy, fiscal policy, economics, supply and demand, markets,
            microeconomics, macroeconomics, game theory, behavioral economics, fintech
        """),
        ("invest", "value", "budget", "forecast", "analyse", "account for", "price"),
    ),
    FieldSpec(
        "health",
        4,
        (
            "Health > Nursing",
            "Health > Nutrition",
            "Health > Public Health",
            "Health > Mental Health",
        ),
        _names("""
            Nursing | Patient Care | Anatomy | Physiology | Pharmacology | Nutrition |
            Public Health | Epidemiology | Mental Health | First Aid | Medical Terminology |
            Healthcare Management | Exercise Science | Mindfulness
        """),
        _terms("""
            anatomy, physiology, the cardiovascular system, the respiratory system, the nervous
            system, the immune system, medical terminology, nursing, patient care, patient
            assessment, vital signs, care plans, infection control, wound care, medication
            safety, pharmacology, dosage calculations, drug interactions, first aid, CPR,
            emergency care, nutrition, macronutrients, vitamins, diets, meal planning, healthy
            eating, metabolism, exercise science, strength training, fitness, sleep, public
            health, epidemiology, disease surveillance, outbreaks, vaccines, health promotion,
            global health, health policy, healthcare systems, healthcare management, clinical
            research, evidence-based practice, mental health, stress, anxiety, depression,
            resilience, mindfulness, meditation, counseling, wellbeing, aging, chronic disease,
            diabetes, heart disease
        """),
        ("assess", "treat", "prevent", "monitor", "care for", "support", "recognize"),
    ),
    FieldSpec(
        "languages",
        4,
        (
            "Languages > English",
            "Languages > Spanish",
            "Languages > French",
            "Languages > Japanese",
        ),
        _names("""
            English | Spanish | French | German | Japanese | Mandarin Chinese | Italian |
            Portuguese | Arabic | Korean | Grammar | Pronunciation | Translation | Writing
        """),
        _terms("""
            vocabulary, grammar, verb tenses, the past tense, the subjunctive, conjugation,
            nouns, adjectives, prepositions, sentence structure, pronunciation, accents,
            listening, speaking, conversation, reading, writing, spelling, idioms, phrasal
            verbs, everyday phrases, small talk, travel phrases, business English, academic
            writing, essays, IELTS, TOEFL, exam preparation, English, Spanish, French, German,
            Italian, Portuguese, Japanese, hiragana, katakana, kanji, Mandarin Chinese, tones,
            characters, Korean, Hangul, Arabic, the Arabic script, translation, interpreting,
            language exchange, fluency, comprehension, dialogues, culture, etiquette,
            storytelling, podcasts, flashcards, spaced repetition, immersion, CEFR levels
        """),
        ("speak", "practise", "pronounce", "read", "write", "understand", "translate"),
    ),
    FieldSpec(
        "music",
        3,
        (
            "Arts > Music > Music Theory",
            "Arts > Music > Instruments",
            "Arts > Music > Music Production",
            "Arts > Music > Singing",
        ),
        _names("""
            Music Theory | Guitar | Piano | Singing | Music Production | Songwriting |
            Ear Training | Drums | Blues | Jazz | Audio Engineering
        """),
        _terms("""
            music theory, notes, scales, major scales, minor scales, modes, intervals, chords,
            chord progressions, harmony, rhythm, time signatures, tempo, melody, ear training,
            sight reading, notation, guitar, acoustic guitar, electric guitar, strumming,
            fingerpicking, riffs, solos, piano, keyboard technique, left-hand patterns,
            arpeggios, drums, grooves, fills, bass lines, singing, vocal technique, breathing,
            vocal range, harmonies, songwriting, lyrics, song structure, hooks, blues,
            improvisation, jazz standards, jazz harmony, music production, digital audio
            workstations, Ableton Live, Logic Pro, beats, sampling, synthesizers, sound design,
            recording, microphones, mixing, EQ, compression, reverb, mastering, audio
            engineering, live performance
        """),
        ("play", "compose", "record", "mix", "improvise", "sing", "arrange"),
    ),
    FieldSpec(
        "science",
        4,
        (
            "Science > Physics",
            "Science > Biology",
            "Science > Chemistry",
            "Science > Environmental Science",
        ),
        _names("""
            Physics | Chemistry | Biology | Genetics | Neuroscience | Astronomy | Ecology |
            Climate Science | Environmental Science | Geology | Scientific Method |
            Lab Techniques
        """),
        _terms("""
            physics, mechanics, motion, forces, energy, momentum, gravity, waves, optics,
            electricity, magnetism, thermodynamics, quantum mechanics, relativity, particle
            physics, astronomy, stars, galaxies, planets, cosmology, chemistry, atoms,
            molecules, the periodic table, chemical bonds, reactions, stoichiometry, acids and
            bases, organic chemistry, biochemistry, biology, cells, DNA, genes, genetics,
            evolution, natural selection, proteins, enzymes, microbiology, neuroscience,
            the brain, neurons, ecology, ecosystems, biodiversity, conservation, climate
            science, climate change, the carbon cycle, oceans, geology, rocks, plate tectonics,
            earthquakes, environmental science, pollution, renewable energy, sustainability,
            the scientific method, experiments, lab techniques, microscopy, data collection
        """),
        ("explain", "observe", "measure", "experiment with", "calculate", "explore", "classify"),
    ),
    FieldSpec(
        "humanities",
        4,
        (
            "Humanities > History",
            "Humanities > Philosophy",
            "Humanities > Creative Writing",
            "Education > Teaching",
        ),
        _names("""
            Teaching | Curriculum Design | Critical Thinking | Problem Solving |
            Time Management | Creative Writing | History | Philosophy | Law | Writing |
            Public Speaking
        """),
        _terms("""
            history, ancient civilizations, ancient Greece, the Roman Empire, the Middle Ages,
            the Renaissance, the Industrial Revolution, world wars, the Cold War, empires,
            revolutions, primary sources, historiography, philosophy, ethics, moral philosophy,
            logic, arguments, fallacies, epistemology, metaphysics, political philosophy,
            existentialism, Stoicism, critical thinking, reasoning, law, contracts,
            constitutional law, human rights, creative writing, fiction, short stories,
            characters, plot, dialogue, point of view, poetry, memoir, editing, publishing,
            storytelling, teaching, lesson plans, classrooms, curriculum design, assessment,
            feedback, learning objectives, online teaching, educational psychology, study
            skills, note-taking, memory techniques, time management, productivity, habits
        """),
        ("discuss", "interpret", "question", "write", "teach", "argue", "reflect on"),
    ),
)

# --- Shared words: verbs, adjectives, audiences, and the sentence and title templates. -------

VERBS = _terms("""
    learn, build, design, implement, master, understand, apply, explore, analyse, compare,
    evaluate, automate, practise, plan, review, improve, organise, choose, combine, use
""")
ADJECTIVES = _terms("""
    practical, modern, essential, hands-on, real-world, robust, effective, clear, complete,
    concise, comprehensive, step-by-step, advanced, foundational, reliable, efficient, common,
    core, proven, everyday, professional, thorough, gentle, rigorous, approachable
""")
AUDIENCES = _terms("""
    Beginners, Busy Professionals, Students, Developers, Analysts, Managers, Engineers,
    Designers, Teams, Career Changers, Self-Taught Learners, Practitioners, Educators, Everyone
""")
AUDIENCE_PHRASES = _terms("""
    complete beginners, working professionals, students, career changers, experienced
    practitioners, team leads, self-taught learners, hobbyists, curious readers, newcomers
""")
PREREQUISITES = _terms("""
    no prior experience, basic computer skills, some familiarity with the basics, a little
    high-school mathematics, curiosity and an hour a week, an introductory course
""")

COURSE_SENTENCES = (
    "This {unit_course} introduces {t} and {t}.",
    "You will {v} {t}, {v} {t} and {v} {t}.",
    "Along the way you {v} {a} {t} with {t}.",
    "Each {unit} ends with {a_} exercise on {t}.",
    "We start from {t} and move on to {t}, {t} and {t}.",
    "By the end you can {v} {t} and {v} {t} with confidence.",
    "The {unit_course} assumes {prereq}.",
    "Examples use {t} and {t} to show how {t} works in practice.",
    "It is designed for {aud} who want {a} skills in {t}.",
    "Topics include {t}, {t}, {t} and {t}.",
    "A final project asks you to {v} {t} from scratch.",
    "The instructors explain why {t} matters for {t}, and when {t} is the better choice.",
    "Short videos, quizzes and {a} assignments cover {t} and {t}.",
    "You will also learn to {v} {t} and avoid common mistakes with {t}.",
)
BOOK_SENTENCES = (
    "This book is {a_} guide to {t} and {t}.",
    "Written for {aud}, it explains {t}, {t} and {t}.",
    "The author draws on years of experience with {t} to show how to {v} {t}.",
    "Early chapters cover {t} and {t}; later chapters turn to {t}.",
    "Each {unit} includes {a} examples of {t} and exercises on {t}.",
    "Readers learn to {v} {t} and {v} {t}.",
    "It assumes {prereq}.",
    "Along the way the book discusses {t}, {t} and the trade-offs of {t}.",
    "Case studies show {a} {t} in real projects.",
    "The new edition adds material on {t} and {t}.",
    "Appendices summarise {t} and list resources on {t}.",
)
COURSE_TITLES = (
    "Introduction to {T}",
    "{T} for {Aud}",
    "{A} {T}",
    "{T} and {T}",
    "Mastering {T}",
    "{T} Fundamentals",
    "{T}: {A} {T}",
    "Learn {T} from Scratch",
    "The Complete {T} Bootcamp",
    "{T} in Practice",
    "Hands-On {T} with {T}",
    "{A} {T} for {Aud}",
    "{T} Specialization",
    "Getting Started with {T}",
)
BOOK_TITLES = (
    "The {A} Guide to {T}",
    "{T} in Action",
    "Understanding {T}",
    "{T}: {A} {T} for {Aud}",
    "Learning {T}",
    "The Art of {T}",
    "{T} Explained",
    "{T} Cookbook",
    "Principles of {T}",
    "Thinking in {T}",
    "{A} {T}",
    "{T} and {T}: A Handbook",
    "A Field Guide to {T}",
)

# --- People, providers and publishers. --------------------------------------------------------

FIRST_NAMES = _terms("""
    Amara, Lena, Kofi, Priya, Mateo, Sofia, Hiroshi, Aisha, Lucas, Emma, Wei, Fatima, Diego,
    Olivia, Arjun, Chloe, Tomasz, Ingrid, Samuel, Yuki, Nadia, Omar, Elena, Jonas, Grace,
    Ravi, Mei, Daniel, Zanele, Pierre, Hannah, Kwame, Lucia, Erik, Leila, Noah, Ana, Ibrahim,
    Julia, Marco, Sara, Tariq, Alice, Kenji, Maya, Felix, Rosa, Andrei, Nia, Victor, Clara,
    Ahmed, Isabel, Hugo, Anya, Oscar, Zoe, Rahul, Beatriz, Liam
""")
LAST_NAMES = _terms("""
    Osei, Marsh, Mensah, Sharma, Garcia, Rossi, Tanaka, Khan, Silva, Schmidt, Chen, Haddad,
    Lopez, Johnson, Patel, Martin, Nowak, Larsen, Okafor, Sato, Petrova, Farouk, Popescu,
    Weber, Kim, Iyer, Wang, Cohen, Dlamini, Dubois, Fischer, Boateng, Fernandez, Nilsson,
    Rahimi, Walker, Costa, Hassan, Novak, Bianchi, Andersson, Qureshi, Brown, Nakamura,
    Reyes, Wagner, Moreno, Ivanov, Adeyemi, Laurent, Ortiz, Park, Mahmoud, Santos, Moreau,
    Kowalski, Jensen, Gupta, Almeida, Taylor, Murphy, O'Brien, Nguyen, Takahashi, Bauer,
    Eriksson, Mwangi, Kapoor, Lindqvist, Castillo
""")
NAME_STEMS = _terms("""
    Northbridge, Harbor Lane, Bluebird, Cedar Point, Summit, Brightpath, Oak and Ivy, Lumen,
    Meridian, Copperleaf, Riverstone, Quill, Beacon, Juniper, Kestrel, Lantern, Maple Hill,
    Nimbus, Orchard, Pinecrest, Redwood, Silverline, Tidewater, Upland, Vantage, Willow,
    Zenith, Granite, Foxglove, Ember, Driftwood, Clearwater, Aurora, Sparrow, Ironwood,
    Hollow Creek, Starling, Marigold, Westbrook, Blue Heron, Old Mill, Second Street
""")
COURSE_PROVIDER_SUFFIXES = _terms("""
    Academy, Learning, Institute, School, Online, Labs, Campus, Courses, Training, Classroom,
    Studio, Skills, Education, Bootcamp, University, Tutorials
""")
BOOK_PROVIDER_SUFFIXES = _terms("Books, Reads, Library, Digital, Bookshelf, Editions, eBooks")
PUBLISHER_SUFFIXES = _terms("Press, Publishing, Books, Media, House, Publishers")
PLACES = _terms("""
    Eastmoor, Westhaven, Northfield, Southport, Lakeside, Highgate, Riverton, Ashford,
    Brookvale, Fairmont, Glenrock, Kingsbury, Millbrook, Oakridge, Stonebridge, Thornbury
""")
INSTITUTION_FORMS = (
    "University of {p}",
    "{p} Institute of Technology",
    "{p} State University",
    "{p} College",
    "{p} School of Business",
)

N_COURSE_PROVIDERS = 200
N_BOOK_PROVIDERS = 100
N_PUBLISHERS = 150

# --- Value distributions. ---------------------------------------------------------------------

LANGUAGES = {"en": 85, "es": 4, "pt": 2.5, "fr": 2, "de": 1.5, "hi": 1, "ja": 1, "zh": 1, "ru": 0.8, "it": 0.7, "ko": 0.5}  # fmt: skip
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German", "hi": "Hindi", "ja": "Japanese", "zh": "Chinese", "ru": "Russian", "it": "Italian", "ko": "Korean"}  # fmt: skip
LEVELS = {"beginner": 42, "intermediate": 33, "advanced": 13, "all": 12}
CURRENCIES = {"USD": 72, "EUR": 10, "INR": 9, "GBP": 5, "BRL": 2, "JPY": 2}
# Median price per currency (books: 80% of it); prices end in .99, or in 00/99 for JPY and INR.
PRICES = {"USD": 39.0, "EUR": 35.0, "GBP": 30.0, "BRL": 150.0, "INR": 1500.0, "JPY": 4000.0}
ISBN_MULTIPLIER = 387_420_489  # 3**18: coprime with 10**9, so i -> i * M mod 10**9 is a bijection.
ISBN_OFFSET = 104_729


class Weighted:
    """Draws from a fixed discrete distribution with one uniform number and a bisection."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    @classmethod
    def zipf(cls, items: Sequence[Any], exponent: float = 1.0) -> Weighted:
        return cls(items, [1 / (rank**exponent) for rank in range(1, len(items) + 1)])

    @classmethod
    def of(cls, table: Mapping[Any, float]) -> Weighted:
        return cls(list(table), list(table.values()))

    def draw(self, rng: random.Random) -> Any:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]

    def draw_distinct(self, rng: random.Random, k: int) -> list[Any]:
        """``k`` different items (fewer if there are not enough), in drawing order."""
        k = min(k, len(self.items))
        chosen: list[Any] = []
        while len(chosen) < k:
            item = self.draw(rng)
            if item not in chosen:
                chosen.append(item)
        return chosen


class FieldModel:
    """The term model of one field: Zipf unigrams, plus neighbour transitions (bigrams)."""

    NEIGHBOUR = 0.5  # Chance that a term follows from the previous one.
    FOREIGN = 0.05  # Chance that a term comes from a related field.

    def __init__(self, spec: FieldSpec, related: list[FieldSpec]) -> None:
        self.spec = spec
        order = random.Random(spec.name).sample(range(len(spec.terms)), len(spec.terms))
        self.unigram = Weighted.zipf([spec.terms[i] for i in order], exponent=0.9)
        self.index = {term: i for i, term in enumerate(spec.terms)}
        self.foreign = Weighted.zipf([t for r in related for t in r.terms[:25]], exponent=0.7)
        self.skills = Weighted.zipf(spec.skills, exponent=0.8)
        self.topics = Weighted.zipf(spec.topics, exponent=0.6)
        self.verbs = Weighted.zipf(spec.verbs + VERBS, exponent=0.6)
        self.last = ""

    def term(self, rng: random.Random, avoid: Sequence[str] = ()) -> str:
        """A term, preferably none of ``avoid`` (the terms already in the sentence)."""
        term = self._next(rng)
        for _ in range(3):
            if term not in avoid:
                break
            term = self._next(rng)
        self.last = term
        return term

    def _next(self, rng: random.Random) -> str:
        roll = rng.random()
        if roll < self.FOREIGN:
            term: str = self.foreign.draw(rng)
        elif self.last in self.index and roll < self.FOREIGN + self.NEIGHBOUR:
            i = self.index[self.last] + rng.choice((-2, -1, 1, 1, 2, 3))
            term = self.spec.terms[i % len(self.spec.terms)]
        else:
            term = self.unigram.draw(rng)
        return term


# --- Text. ------------------------------------------------------------------------------------

TITLE_WORDS = (3, 10)
DESCRIPTION_WORDS = (40, 250)
_SLOT = re.compile(r"\{(\w+)\}")


def _with_article(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _title_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:] if w[:1].islower() else w for w in text.split(" "))


class TextMaker:
    """Fills sentence and title templates from a field's term model."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.adjectives = Weighted.zipf(ADJECTIVES, exponent=0.5)

    def _fill(self, template: str, model: FieldModel, kind: str) -> str:
        rng = self.rng
        unit = ("module", "lesson", "week", "section") if kind == "course" else ("chapter", "part")
        used: list[str] = []

        def term() -> str:
            used.append(model.term(rng, used))
            return used[-1]

        slots: dict[str, Callable[[], str]] = {
            "t": term,
            "T": lambda: _title_case(term()),
            "v": lambda: model.verbs.draw(rng),
            "a": lambda: self.adjectives.draw(rng),
            "a_": lambda: _with_article(self.adjectives.draw(rng)),
            "A": lambda: _title_case(self.adjectives.draw(rng)),
            "aud": lambda: rng.choice(AUDIENCE_PHRASES),
            "Aud": lambda: rng.choice(AUDIENCES),
            "prereq": lambda: rng.choice(PREREQUISITES),
            "unit": lambda: rng.choice(unit),
            "unit_course": lambda: rng.choice(("course", "course", "program", "class")),
        }
        return _SLOT.sub(lambda m: slots[m.group(1)](), template)

    def title(self, model: FieldModel, kind: str) -> str:
        """3 to 10 words."""
        templates = COURSE_TITLES if kind == "course" else BOOK_TITLES
        for _ in range(10):
            title = self._fill(self.rng.choice(templates), model, kind)
            if TITLE_WORDS[0] <= len(title.split()) <= TITLE_WORDS[1]:
                return title
        return f"A Guide to {_title_case(model.term(self.rng).split()[0])}"

    def description(self, model: FieldModel, kind: str) -> str:
        """40 to 250 words (median about 115), in one or two paragraphs."""
        target = int(self.rng.lognormvariate(math.log(110), 0.45))
        target = min(DESCRIPTION_WORDS[1] - 30, max(DESCRIPTION_WORDS[0], target))
        templates = COURSE_SENTENCES if kind == "course" else BOOK_SENTENCES
        sentences: list[str] = []
        words = 0
        while words < target:
            sentence = self._fill(self.rng.choice(templates), model, kind)
            n = len(sentence.split())
            if words + n <= DESCRIPTION_WORDS[1]:  # Always true unless a template grows long.
                sentences.append(sentence[0].upper() + sentence[1:])
                words += n
        return _paragraphs(sentences, self.rng)


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    if len(sentences) < 6 or rng.random() < 0.5:
        return " ".join(sentences)
    cut = rng.randrange(3, len(sentences) - 2)
    return " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:])


# --- Values. ----------------------------------------------------------------------------------


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def isbn13(index: int) -> str:
    """A unique, valid ISBN-13 for each index below 10**9."""
    stem = f"978{(index * ISBN_MULTIPLIER + ISBN_OFFSET) % 10**9:09d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(stem))
    return stem + str((10 - total % 10) % 10)


def _hyphenated(isbn: str) -> str:
    return f"{isbn[:3]}-{isbn[3]}-{isbn[4:8]}-{isbn[8:12]}-{isbn[12]}"


def _name_pool(rng: random.Random, suffixes: Sequence[str], n: int, taken: set[str]) -> list[str]:
    combos = [f"{stem} {suffix}" for stem in NAME_STEMS for suffix in suffixes]
    names = [name for name in rng.sample(combos, len(combos)) if name not in taken][:n]
    taken.update(names)
    return names


def _person(rng: random.Random) -> str:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if rng.random() < 0.12:
        return f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
    return f"{first} {last}"


def _people(rng: random.Random, weights: tuple[int, ...]) -> list[str]:
    n = rng.choices(range(1, len(weights) + 1), weights)[0]
    return list(dict.fromkeys(_person(rng) for _ in range(n)))


# --- Rows. ------------------------------------------------------------------------------------


class CorpusGenerator:
    """Makes canonical feed rows, one at a time, from one seeded random stream."""

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self.rng = random.Random(seed)
        pools = random.Random(seed + 1)  # The pools must not depend on how many rows are made.
        taken: set[str] = set()
        self.course_providers = Weighted.zipf(
            _name_pool(pools, COURSE_PROVIDER_SUFFIXES, N_COURSE_PROVIDERS, taken), 1.0
        )
        self.book_providers = Weighted.zipf(
            _name_pool(pools, BOOK_PROVIDER_SUFFIXES, N_BOOK_PROVIDERS, taken), 1.0
        )
        self.publishers = Weighted.zipf(
            _name_pool(pools, PUBLISHER_SUFFIXES, N_PUBLISHERS, set()), 0.9
        )
        self.institutions = Weighted.zipf(
            [form.format(p=p) for p in PLACES for form in INSTITUTION_FORMS], 0.8
        )
        self.fields = Weighted([_model(spec) for spec in FIELDS], [f.weight for f in FIELDS])
        self.languages = Weighted.of(LANGUAGES)
        self.levels = Weighted.of(LEVELS)
        self.currencies = Weighted.of(CURRENCIES)
        self.text = TextMaker(self.rng)
        self.slugs: dict[str, str] = {}

    def rows(self, count: int) -> Iterator[dict[str, Any]]:
        for index in range(count):
            yield self.row(index)

    def row(self, index: int) -> dict[str, Any]:
        rng = self.rng
        kind = "course" if rng.random() < 1 / 3 else "book"
        model: FieldModel = self.fields.draw(rng)
        model.last = ""
        row: dict[str, Any] = {
            "kind": kind,
            "source": SOURCE,
            "external_id": f"{kind[0]}{index:08d}",
            "title": self.text.title(model, kind),
        }
        row.update(self._kind_fields(kind, index, row["title"]))
        row["description"] = self.text.description(model, kind)
        row["language"] = self._language()
        if kind == "course" or rng.random() < 0.55:
            row["level"] = self.levels.draw(rng)
        row.update(self._price(kind))
        row.update(self._ratings())
        row["skills"] = model.skills.draw_distinct(rng, rng.randint(2, 6))
        row["topics"] = self._topics(model)
        if rng.random() < 0.6:
            row["image_url"] = f"{row['url'].rsplit('/', 2)[0]}/img/{row['external_id']}.jpg"
        return row

    def _kind_fields(self, kind: str, index: int, title: str) -> dict[str, Any]:
        rng = self.rng
        if kind == "course":
            provider = self.course_providers.draw(rng)
            fields: dict[str, Any] = {
                "provider": provider,
                "url": f"https://{self._slug(provider)}.example/courses/{slugify(title)}-{index}",
                "instructors": _people(rng, (70, 22, 8)),
                "duration_hours": _duration(rng),
            }
            if rng.random() < 0.9:
                fields["certificate"] = rng.random() < 0.7
            if rng.random() < 0.25:
                fields["institution"] = self.institutions.draw(rng)
            if rng.random() < 0.5:
                fields["published_at"] = _date(rng, _year(rng))
            return fields
        provider = self.book_providers.draw(rng)
        isbn = isbn13(index)
        year = _year(rng)
        fields = {
            "provider": provider,
            "url": f"https://{self._slug(provider)}.example/books/{isbn}",
            "isbn": _hyphenated(isbn) if rng.random() < 0.3 else isbn,
            "authors": _people(rng, (65, 25, 8, 2)),
            "publisher": self.publishers.draw(rng),
            "year": year,
            "pages": min(1500, max(48, int(rng.lognormvariate(math.log(300), 0.4)))),
        }
        if rng.random() < 0.6:
            fields["published_at"] = _date(rng, year)
        return fields

    def _slug(self, name: str) -> str:
        if name not in self.slugs:
            self.slugs[name] = slugify(name)
        return self.slugs[name]

    def _language(self) -> str:
        code: str = self.languages.draw(self.rng)
        return LANGUAGE_NAMES[code] if self.rng.random() < 0.1 else code

    def _price(self, kind: str) -> dict[str, Any]:
        rng = self.rng
        if rng.random() < (0.28 if kind == "course" else 0.06):
            return {"free": True} if rng.random() < 0.6 else {"free": True, "price": 0}
        currency: str = self.currencies.draw(rng)
        median = PRICES[currency] * (1.0 if kind == "course" else 0.8)
        amount = max(median / 8, rng.lognormvariate(math.log(median), 0.6))
        if currency in ("JPY", "INR"):
            price: float | int = int(round(amount, -2)) - (1 if currency == "INR" else 0)
        else:
            price = math.floor(amount) + 0.99
        return {"free": False, "price": price, "currency": currency}

    def _ratings(self) -> dict[str, Any]:
        rng = self.rng
        if rng.random() < 0.08:
            return {"rating_count": 0, "popularity": int(rng.lognormvariate(3.0, 1.5))}
        count = min(2_000_000, int(rng.lognormvariate(3.5, 1.9)) + 1)
        rating = min(5.0, max(1.0, round(5 * rng.betavariate(17, 2.8), 1)))
        readers = int(count * rng.lognormvariate(math.log(12), 0.8))
        return {"rating": rating, "rating_count": count, "popularity": max(count, readers)}

    def _topics(self, model: FieldModel) -> list[str]:
        rng = self.rng
        topics = [model.topics.draw(rng)]
        if rng.random() < 0.3:
            other: FieldModel = self.fields.draw(rng) if rng.random() < 0.2 else model
            topics.append(other.topics.draw(rng))
        return list(dict.fromkeys(topics))


def _model(spec: FieldSpec) -> FieldModel:
    """The field's model; its "related" fields share a first topic level."""
    root = spec.topics[0].split(" > ")[0]
    related = [f for f in FIELDS if f is not spec and f.topics[0].split(" > ")[0] == root]
    return FieldModel(spec, related or [f for f in FIELDS if f is not spec])


def _duration(rng: random.Random) -> float:
    hours = min(300.0, max(0.5, rng.lognormvariate(math.log(8), 0.9)))
    return round(hours * 2) / 2


def _year(rng: random.Random) -> int:
    return max(1975, THIS_YEAR - int(rng.expovariate(1 / 6)))


def _date(rng: random.Random, year: int) -> str:
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


# --- Files. -----------------------------------------------------------------------------------


def check_skills(path: Path = SKILLS_FILE) -> None:
    """Every skill the corpus uses must be a canonical name in the product's vocabulary."""
    canonical = {
        line.split("|")[0].strip()
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    unknown = sorted({s for f in FIELDS for s in f.skills} - canonical)
    if unknown:
        raise SystemExit(f"corpus.py: skills not canonical in {path}: {', '.join(unknown)}")


def corpus_path(size: int, seed: int = DEFAULT_SEED, directory: Path = CORPUS_DIR) -> Path:
    suffix = "" if seed == DEFAULT_SEED else f"-seed{seed}"
    return directory / f"resources-{size}{suffix}.jsonl"


def count_rows(path: Path) -> int:
    """Lines in the file (every row ends with a newline)."""
    lines = 0
    with path.open("rb") as stream:
        while chunk := stream.read(2**24):
            lines += chunk.count(b"\n")
    return lines


def write_corpus(path: Path, size: int, seed: int = DEFAULT_SEED) -> None:
    """Write ``size`` rows to ``path`` atomically: a partial file never has the final name (and
    two processes making the same corpus at once do not write into the same file)."""
    check_skills()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    generator = CorpusGenerator(seed)
    with partial.open("w", encoding="utf-8", buffering=2**20) as out:
        for row in generator.rows(size):
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
    os.replace(partial, path)


def ensure_corpus(
    size: int, seed: int = DEFAULT_SEED, path: Path | None = None, force: bool = False
) -> Path:
    """The corpus file of ``size`` rows, generated unless it already exists with that many."""
    path = path or corpus_path(size, seed)
    if not force and path.exists() and count_rows(path) == size:
        return path
    write_corpus(path, size, seed)
    return path


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--size", type=int, required=True, help="number of rows")
    parser.add_argument("--out", type=Path, help="default: bench/corpus/resources-SIZE.jsonl")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--force", action="store_true", help="regenerate even if present")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = _parse_args(argv)
    if args.size < 1:
        raise SystemExit("--size must be at least 1")
    path = ensure_corpus(args.size, args.seed, args.out, args.force)
    print(f"{path}: {args.size:,} rows, {path.stat().st_size / 2**20:,.1f} MiB", file=sys.stderr)


if __name__ == "__main__":
    main()
