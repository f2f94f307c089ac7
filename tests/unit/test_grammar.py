"""Swedish grammar where the package's counts and names meet the site's words (styrmodell.grammar)."""

from __future__ import annotations

import pytest
from styrmodell.grammar import agree, count_digits, count_words, full_stop, genitive, number_word

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [
        (1, "nivå", "en nivå"),
        (1, "mål", "ett mål"),
        (2, "nivå", "två nivåer"),
        (5, "mål", "fem mål"),
        (0, "bolag", "inga bolag"),
        (1, "nämnd", "en nämnd"),
        (3, "nämnd", "tre nämnder"),
        (1, "perspektiv", "ett perspektiv"),
        (13, "nivå", "13 nivåer"),
        (1234, "mål", f"1{NBSP}234 mål"),
    ],
)
def test_a_count_in_words_agrees_with_its_noun(count, word, expected):
    assert count_words(count, word) == expected


def test_one_takes_the_gender_of_its_noun():
    assert (number_word(1, "en"), number_word(1, "ett")) == ("en", "ett")


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, f"1{NBSP}delvis uppnått mål"),
        (2, f"2{NBSP}delvis uppnådda mål"),
        (0, f"0{NBSP}delvis uppnådda mål"),
    ],
)
def test_a_participle_is_singular_after_one(count, expected):
    assert count_digits(count, "mål", "delvis uppnådd") == expected


def test_a_participle_without_its_noun_agrees_with_the_noun_left_out():
    assert agree(1, "uppnådd", "mål") == "uppnått"
    assert agree(1, "inte uppnådd", "mål") == "inte uppnått"
    assert agree(4, "uppnådd", "mål") == "uppnådda"
    assert agree(1, "uppnådd", "nivå") == "uppnådd"


def test_an_unknown_word_is_an_error_in_the_code():
    with pytest.raises(ValueError, match=r"grammar\.NOUNS"):
        count_words(2, "kommun")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Exempelkommun", "Exempelkommuns"),
        ("Testkommun kommun", "Testkommun kommuns"),
        ("Vännäs", "Vännäs"),
        ("Barn- och utbildningsnämnden", "Barn- och utbildningsnämndens"),
        ("Exempel Energi & Miljö AB", "Exempel Energi & Miljö AB:s"),
        ("Hallsberg AB", "Hallsberg AB:s"),
        ("KF", "KF:s"),
        ("AMS", "AMS:s"),
        ("Linux", "Linux"),
        ("Biarritz", "Biarritz"),
        ("Sjöbo Abs", "Sjöbo Abs"),  # a word in lower case is no abbreviation
    ],
)
def test_genitive(name, expected):
    assert genitive(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"30{NBSP}000{NBSP}kr/inv.", f"30{NBSP}000{NBSP}kr/inv."),
        (f"82{NBSP}%", f"82{NBSP}%."),
        ("högst 7 dagar", "högst 7 dagar."),
    ],
)
def test_a_unit_that_ends_in_a_full_stop_ends_the_sentence(text, expected):
    assert full_stop(text) == expected


def test_the_templates_end_a_sentence_after_a_unit_with_one_full_stop():
    """The styrmått page's "Resultatet var 30 000 kr/inv." (not "kr/inv.."), as its template writes it."""
    from jinja2 import Environment
    from styrmodell.formatting import FILTERS

    env = Environment(autoescape=True)
    env.filters.update(FILTERS)
    template = env.from_string(
        "Resultatet var {% filter full_stop %}{{ v|measure(u, 0) }}{% endfilter %} Målnivån var {{ m|full_stop }}"
    )
    assert template.render(v=30000, u="kr/inv.", m="högst 7 kr/inv.") == (
        f"Resultatet var 30{NBSP}000{NBSP}kr/inv. Målnivån var högst 7 kr/inv."
    )
    assert template.render(v=82, u="%", m="minst 80 %") == f"Resultatet var 82{NBSP}%. Målnivån var minst 80 %."
