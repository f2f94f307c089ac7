"""Swedish grammar where counts and names from the package meet the site's own words.

A sentence on the site is written once and filled with the package's numbers and names, so
the words around them must follow the data, not the municipality the sentence was first
written for:

- **Gender and number after a count.** A count in words agrees with its noun ("en nivå",
  "ett mål", "två nivåer"), and so does a participle ("1 delvis uppnått mål", "2 delvis
  uppnådda mål"). The nouns and participles the site counts with are listed here, each
  with its gender, so a new sentence cannot pick the wrong form.
- **Genitive of a name.** A name takes ``s`` ("Exempelkommuns"); a name that ends in s, x
  or z takes nothing ("Vännäs"); an abbreviation takes colon and s ("Exempel Energi AB:s",
  "KF:s"). These are the rules of Svenska skrivregler (Språkrådet) for the genitive.
- **A sentence's full stop after a unit.** A unit symbol may end in a full stop of its own
  ("kr/inv."); the sentence then ends with that one, never "kr/inv..".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NBSP = "\u00a0"


@dataclass(frozen=True)
class Noun:
    """A noun the site counts with: its gender (``en`` or ``ett``) and its indefinite forms."""

    gender: str  # "en" (utrum) or "ett" (neutrum)
    singular: str
    plural: str


#: The nouns the site's sentences count with, by their singular.
NOUNS = {
    n.singular: n
    for n in (
        Noun("en", "nivå", "nivåer"),
        Noun("ett", "mål", "mål"),
        Noun("ett", "styrmått", "styrmått"),
        Noun("ett", "perspektiv", "perspektiv"),
        Noun("en", "nämnd", "nämnder"),
        Noun("ett", "bolag", "bolag"),
        Noun("en", "rapport", "rapporter"),
        Noun("en", "uppföljning", "uppföljningar"),
        Noun("en", "månad", "månader"),
        Noun("ett", "år", "år"),
    )
}


@dataclass(frozen=True)
class Participle:
    """An adjective or participle: the form after an en-word, after an ett-word, and in the plural."""

    en: str
    ett: str
    plural: str


#: The words that describe counted goals and styrmått, by their en-form.
PARTICIPLES = {
    p.en: p
    for p in (
        Participle("uppnådd", "uppnått", "uppnådda"),
        Participle("delvis uppnådd", "delvis uppnått", "delvis uppnådda"),
        Participle("inte uppnådd", "inte uppnått", "inte uppnådda"),
        Participle("gällande", "gällande", "gällande"),
    )
}

_WORDS = ("två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")


def noun(word: str) -> Noun:
    """The noun ``word`` (its singular), as :data:`NOUNS` has it; an unknown word is an error in the code."""
    try:
        return NOUNS[word]
    except KeyError:
        msg = f"{word!r} is not in grammar.NOUNS: add it with its gender and plural"
        raise ValueError(msg) from None


def number_word(count: int, gender: str) -> str:
    """A count in words, as Swedish style guides prefer up to twelve: ``(1, "en")`` → ``en``, ``(1, "ett")`` → ``ett``.

    Zero is ``inga``; above twelve the number is written in digits.
    """
    if count == 0:
        return "inga"
    if count == 1:
        return gender
    if 2 <= count <= 12:
        return _WORDS[count - 2]
    return f"{count:,}".replace(",", NBSP)


def form(count: int, word: str) -> str:
    """The noun's form after ``count``: singular after 1, plural otherwise (``0 nivåer``, ``1 nivå``)."""
    n = noun(word)
    return n.singular if count == 1 else n.plural


def count_words(count: int, word: str) -> str:
    """A count in words with its noun: ``en nivå``, ``ett mål``, ``två nivåer``, ``inga bolag``, ``13 nivåer``."""
    return f"{number_word(count, noun(word).gender)} {form(count, word)}"


def count_digits(count: int, word: str, participle: str | None = None) -> str:
    """A count in digits (joined with a no-break space) with its noun and, if given, a participle that agrees.

    ``(1, "mål", "delvis uppnådd")`` → ``1 delvis uppnått mål``; ``(2, "mål", "delvis uppnådd")`` → ``2 delvis
    uppnådda mål``.
    """
    before = f"{agree(count, participle, word)} " if participle else ""
    return f"{count}{NBSP}{before}{form(count, word)}"


def agree(count: int, participle: str, word: str) -> str:
    """``participle`` (its en-form) agreeing with ``count`` of ``word``, when the noun itself is left out.

    ``(1, "uppnådd", "mål")`` → ``uppnått``; ``(3, "uppnådd", "mål")`` → ``uppnådda``; ``(1, "uppnådd", "nivå")``
    → ``uppnådd``.
    """
    try:
        p = PARTICIPLES[participle]
    except KeyError:
        msg = f"{participle!r} is not in grammar.PARTICIPLES: add its three forms"
        raise ValueError(msg) from None
    if count != 1:
        return p.plural
    return p.ett if noun(word).gender == "ett" else p.en


#: The last word of a name is an abbreviation when it is written in capitals (``AB``, ``KF``, ``SVT``) or with
#: digits (``E18``): such a word takes colon and s in the genitive.
_ABBREVIATION = re.compile(r"(?:[A-ZÅÄÖ]{2,}|[A-ZÅÄÖ]+[0-9]+|[0-9]+)")


def genitive(name: str) -> str:
    """A name in the genitive: ``Exempelkommun`` → ``Exempelkommuns``, ``Vännäs`` → ``Vännäs``,
    ``Exempel Energi AB`` → ``Exempel Energi AB:s``, ``KF`` → ``KF:s``.

    Svenska skrivregler: a name that ends in s, x or z takes no s; an abbreviation takes colon and s.
    """
    words = name.split()
    if not words:
        return name
    if _ABBREVIATION.fullmatch(words[-1]):
        return f"{name}:s"
    if name[-1].lower() in "sxz":
        return name
    return f"{name}s"


def full_stop(text: str) -> str:
    """``text`` ending a sentence: with a full stop, unless it already ends in one (``kr/inv.``) or in ``!``/``?``."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."  # + keeps Jinja's Markup safe
