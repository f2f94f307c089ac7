"""A goal in force whose parent goal has ended says so on its page; no other goal page does."""

from __future__ import annotations

from conftest import read_html

NOTICE = "Det överordnade målet gäller inte längre."


def test_the_parent_notice_shows_on_a_goal_in_force_under_an_ended_parent(mini_site):
    page = read_html(mini_site, "mal/parent-bun/")
    notice = next(p for p in page.select("p.notice") if NOTICE in p.get_text())
    text = " ".join(notice.get_text().split())
    assert "Kommunen är en attraktiv arbetsgivare" in text
    assert "som gällde till och med 2021" in text
    assert notice.find("a")["href"].endswith("mal/parent-kf/")
    assert "Målet gäller inte längre." not in page.get_text()  # the goal itself is in force


def test_no_other_goal_page_shows_it(mini_site):
    for goal in ("vision", "kf-1", "bun-1", "bun-2", "bun-3", "parent-kf"):
        assert NOTICE not in read_html(mini_site, f"mal/{goal}/").get_text(), goal
