"""The catalog's vocabularies: languages, levels, currencies, as feeds spell them and pages show them."""

from __future__ import annotations

import pycountry

from courseatlas.catalog.bands import (
    CERTIFICATE_LABELS,
    DURATION_LABELS,
    PACE_LABELS,
    RATING_LABELS,
    STARTS_LABELS,
)

# Common languages: English name, then other spellings seen in feeds (native names, tags).
LANGUAGES: dict[str, tuple[str, ...]] = {
    "af": ("Afrikaans", "afr"),
    "am": ("Amharic", "amh"),
    "ar": ("Arabic", "ara", "العربية"),
    "az": ("Azerbaijani", "aze"),
    "be": ("Belarusian", "bel"),
    "bg": ("Bulgarian", "bul", "български"),
    "bn": ("Bengali", "ben", "Bangla"),
    "bs": ("Bosnian", "bos"),
    "ca": ("Catalan", "cat", "Català"),
    "cs": ("Czech", "ces", "cze", "Čeština"),
    "cy": ("Welsh", "cym", "wel"),
    "da": ("Danish", "dan", "Dansk"),
    "de": ("German", "deu", "ger", "Deutsch"),
    "el": ("Greek", "ell", "gre", "Ελληνικά"),
    "en": ("English", "eng", "en-us", "en-gb", "en-ca", "en-au", "en-in"),
    "eo": ("Esperanto", "epo"),
    "es": ("Spanish", "spa", "Español", "Espanol", "Castellano", "es-es", "es-mx"),
    "et": ("Estonian", "est"),
    "eu": ("Basque", "eus", "baq"),
    "fa": ("Persian", "fas", "per", "Farsi"),
    "fi": ("Finnish", "fin", "Suomi"),
    "fil": ("Filipino", "Tagalog", "tl", "tgl"),
    "fr": ("French", "fra", "fre", "Français", "Francais", "fr-ca", "fr-fr"),
    "ga": ("Irish", "gle"),
    "gl": ("Galician", "glg"),
    "gu": ("Gujarati", "guj"),
    "he": ("Hebrew", "heb", "עברית"),
    "hi": ("Hindi", "hin", "हिन्दी"),
    "hr": ("Croatian", "hrv", "Hrvatski"),
    "hu": ("Hungarian", "hun", "Magyar"),
    "hy": ("Armenian", "hye", "arm"),
    "id": ("Indonesian", "ind", "Bahasa Indonesia"),
    "is": ("Icelandic", "isl", "ice"),
    "it": ("Italian", "ita", "Italiano"),
    "ja": ("Japanese", "jpn", "日本語"),
    "ka": ("Georgian", "kat", "geo"),
    "kk": ("Kazakh", "kaz"),
    "km": ("Khmer", "khm"),
    "kn": ("Kannada", "kan"),
    "ko": ("Korean", "kor", "한국어"),
    "la": ("Latin", "lat"),
    "lt": ("Lithuanian", "lit"),
    "lv": ("Latvian", "lav"),
    "mk": ("Macedonian", "mkd", "mac"),
    "ml": ("Malayalam", "mal"),
    "mn": ("Mongolian", "mon"),
    "mr": ("Marathi", "mar"),
    "ms": ("Malay", "msa", "may"),
    "my": ("Burmese", "mya", "bur"),
    "ne": ("Nepali", "nep"),
    "nl": ("Dutch", "nld", "dut", "Nederlands"),
    "no": ("Norwegian", "nor", "nb", "nob", "Norsk"),
    "pa": ("Punjabi", "pan"),
    "pl": ("Polish", "pol", "Polski"),
    "ps": ("Pashto", "pus"),
    "pt": ("Portuguese", "por", "Português", "Portugues", "pt-br", "pt-pt"),
    "ro": ("Romanian", "ron", "rum", "Română"),
    "ru": ("Russian", "rus", "Русский"),
    "si": ("Sinhala", "sin"),
    "sk": ("Slovak", "slk", "slo"),
    "sl": ("Slovenian", "slv"),
    "sq": ("Albanian", "sqi", "alb"),
    "sr": ("Serbian", "srp"),
    "sv": ("Swedish", "swe", "Svenska"),
    "sw": ("Swahili", "swa", "Kiswahili"),
    "ta": ("Tamil", "tam"),
    "te": ("Telugu", "tel"),
    "th": ("Thai", "tha", "ไทย"),
    "tr": ("Turkish", "tur", "Türkçe"),
    "uk": ("Ukrainian", "ukr", "Українська"),
    "ur": ("Urdu", "urd"),
    "uz": ("Uzbek", "uzb"),
    "vi": ("Vietnamese", "vie", "Tiếng Việt"),
    "yo": ("Yoruba", "yor"),
    "zh": ("Chinese", "zho", "chi", "Mandarin", "中文", "zh-cn", "zh-tw", "zh-hans", "zh-hant"),
    "zu": ("Zulu", "zul"),
}

# Codes withdrawn from ISO 639 or never in it, still common in feeds.
LEGACY_LANGUAGES = {
    "in": "id",  # Indonesian, before 1989
    "iw": "he",  # Hebrew, before 1989
    "ji": "yi",  # Yiddish, before 1989
    "jw": "jv",  # Javanese, before 2001
    "mo": "ro",  # Moldavian, withdrawn 2008
    "sh": "hbs",  # Serbo-Croatian, withdrawn from ISO 639-1
    "jp": "ja",  # country codes used for languages
    "cn": "zh",
    "sp": "es",
    "gr": "el",
    "dk": "da",
    "cz": "cs",
    "ua": "uk",
}


def _iso_639() -> tuple[dict[str, str], dict[str, str]]:
    """Every ISO 639-1/2/3 code (and 639-5 family) with its English name, from pycountry's
    copy of the ISO tables: (spelling -> stored code, stored code -> name). A language is
    stored by its two-letter code where it has one, else its three-letter code."""
    lookup: dict[str, str] = {}
    names: dict[str, str] = {}
    for entry in [*pycountry.languages, *pycountry.language_families]:
        code = getattr(entry, "alpha_2", None) or entry.alpha_3
        names.setdefault(code, entry.name)
        for spelling in (entry.alpha_3, getattr(entry, "bibliographic", None), entry.name):
            if spelling:
                lookup.setdefault(spelling.casefold(), code)
        lookup[code] = code
    return lookup, names


_ISO_LOOKUP, _ISO_NAMES = _iso_639()
LANGUAGE_NAMES: dict[str, str] = {**_ISO_NAMES, **{c: names[0] for c, names in LANGUAGES.items()}}
LANGUAGE_LOOKUP: dict[str, str] = {
    **_ISO_LOOKUP,
    **LEGACY_LANGUAGES,
    **{
        spelling.casefold(): code
        for code, spellings in LANGUAGES.items()
        for spelling in (code, *spellings)
    },
}


def _by_spelling(spellings_of: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Each spelling a feed may use, to the value it stands for."""
    return {spelling: value for value, spellings in spellings_of.items() for spelling in spellings}


LEVEL_LOOKUP: dict[str, str] = _by_spelling(
    {
        "beginner": (
            "beginner",
            "beginners",
            "beginner level",
            "introductory",
            "intro",
            "basic",
            "elementary",
            "novice",
            "foundational",
            "foundation",
            "entry",
            "entry level",
        ),
        "intermediate": ("intermediate", "intermediate level", "medium"),
        "advanced": ("advanced", "advanced level", "expert", "expert level"),
        "all": ("all", "all levels", "mixed", "any", "everyone", "beginner to advanced"),
    }
)

# How feeds say whether a course runs on its own dates: edX's "Self-paced on your time" and
# "Instructor-led on a course schedule" among them.
PACE_LOOKUP: dict[str, str] = _by_spelling(
    {
        "self-paced": (
            "self-paced",
            "self paced",
            "selfpaced",
            "self-paced on your time",
            "on demand",
            "on-demand",
            "anytime",
            "start anytime",
        ),
        "scheduled": (
            "scheduled",
            "instructor-led",
            "instructor led",
            "instructor-led on a course schedule",
            "cohort",
            "cohort-based",
            "fixed dates",
            "session-based",
        ),
    }
)

CURRENCY_BY_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY"}
SYMBOL_BY_CURRENCY = {code: symbol for symbol, code in CURRENCY_BY_SYMBOL.items()}

# How values read on a page and in facets, by field.
KIND_NAMES = {"course": "Course", "book": "Book"}
LABELS: dict[str, dict[str, str]] = {
    "kind": {"course": "Courses", "book": "Books"},
    "price": {"free": "Free", "paid": "Paid"},
    "level": {
        "beginner": "Beginner",
        "intermediate": "Intermediate",
        "advanced": "Advanced",
        "all": "All levels",
    },
    "language": LANGUAGE_NAMES,
    "certificate": CERTIFICATE_LABELS,
    "duration": DURATION_LABELS,
    "min_rating": RATING_LABELS,
    "pace": PACE_LABELS,
    "starts": STARTS_LABELS,
}
# Facets whose values read in their own order (shortest first, best rated first, soonest
# first), not by count.
ORDERED_FACETS = ("certificate", "duration", "min_rating", "pace", "starts")

# ISO 4217 codes in current use, so that a typo ("USDD", "EUROS") is reported rather than stored.
CURRENCIES = frozenset(
    [
        "AED",
        "AFN",
        "ALL",
        "AMD",
        "ANG",
        "AOA",
        "ARS",
        "AUD",
        "AWG",
        "AZN",
        "BAM",
        "BBD",
        "BDT",
        "BGN",
        "BHD",
        "BIF",
        "BMD",
        "BND",
        "BOB",
        "BRL",
        "BSD",
        "BTN",
        "BWP",
        "BYN",
        "BZD",
        "CAD",
        "CDF",
        "CHF",
        "CLP",
        "CNY",
        "COP",
        "CRC",
        "CUP",
        "CVE",
        "CZK",
        "DJF",
        "DKK",
        "DOP",
        "DZD",
        "EGP",
        "ERN",
        "ETB",
        "EUR",
        "FJD",
        "FKP",
        "GBP",
        "GEL",
        "GHS",
        "GIP",
        "GMD",
        "GNF",
        "GTQ",
        "GYD",
        "HKD",
        "HNL",
        "HTG",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "IQD",
        "IRR",
        "ISK",
        "JMD",
        "JOD",
        "JPY",
        "KES",
        "KGS",
        "KHR",
        "KMF",
        "KPW",
        "KRW",
        "KWD",
        "KYD",
        "KZT",
        "LAK",
        "LBP",
        "LKR",
        "LRD",
        "LSL",
        "LYD",
        "MAD",
        "MDL",
        "MGA",
        "MKD",
        "MMK",
        "MNT",
        "MOP",
        "MRU",
        "MUR",
        "MVR",
        "MWK",
        "MXN",
        "MYR",
        "MZN",
        "NAD",
        "NGN",
        "NIO",
        "NOK",
        "NPR",
        "NZD",
        "OMR",
        "PAB",
        "PEN",
        "PGK",
        "PHP",
        "PKR",
        "PLN",
        "PYG",
        "QAR",
        "RON",
        "RSD",
        "RUB",
        "RWF",
        "SAR",
        "SBD",
        "SCR",
        "SDG",
        "SEK",
        "SGD",
        "SHP",
        "SLE",
        "SOS",
        "SRD",
        "SSP",
        "STN",
        "SYP",
        "SZL",
        "THB",
        "TJS",
        "TMT",
        "TND",
        "TOP",
        "TRY",
        "TTD",
        "TWD",
        "TZS",
        "UAH",
        "UGX",
        "USD",
        "UYU",
        "UZS",
        "VES",
        "VND",
        "VUV",
        "WST",
        "XAF",
        "XCD",
        "XOF",
        "XPF",
        "YER",
        "ZAR",
        "ZMW",
        "ZWL",
    ]
)
