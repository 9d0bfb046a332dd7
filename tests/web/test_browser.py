"""The pages as a reader uses them, in headless Chromium against a running server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

XIAOMI = [
    ("Rumor", "investment", "Tencent"),
    ("Denial", "investment", "Tencent"),
    ("Rumor", "partnership", "Alibaba"),
    ("Denial", "partnership", "Alibaba"),
    ("Rumor", "investment", "Alibaba"),
    ("Rumor", "acquisition", "Alibaba"),
]


def events_shown(page: Any) -> list[tuple[str, str, str]]:
    rows = page.eval_on_selector_all(
        "#events > li",
        """items => items.map(li => [
            li.querySelector('.badge').textContent.trim(),
            li.querySelector('.kind').textContent.trim(),
            [...li.querySelectorAll('.event-head a')].map(a => a.textContent).join(', '),
        ])""",
    )
    return [tuple(row) for row in rows]


def ready(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready]")


def test_search_by_keyboard_opens_the_xiaomi_timeline_in_order(
    server: str, page: Any, screenshots: Path
) -> None:
    ready(page, server + "/")
    page.wait_for_selector("#recent-companies li")
    page.keyboard.press("Tab")  # the skip link
    page.focus("#q")
    page.keyboard.type("xiao")
    page.wait_for_selector("[role=option][aria-selected=true]")
    assert "Xiaomi" in page.inner_text("[role=listbox]")
    page.screenshot(path=str(screenshots / "home.png"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/company/xiaomi")
    page.wait_for_selector("#events > li")
    assert page.inner_text("h1") == "Xiaomi"
    assert events_shown(page) == XIAOMI
    # The chart draws every event in a lane of its deal thread, month dates as spans.
    assert page.locator("#chart svg a.mark").count() == 6
    assert page.locator("#chart svg rect.span").count() >= 2
    page.screenshot(path=str(screenshots / "company.png"), full_page=True)


def test_filters_narrow_the_timeline_to_denials_and_survive_a_reload(
    server: str, page: Any
) -> None:
    ready(page, server + "/company/xiaomi")
    for other in ("rumor", "partnership", "endorsement"):
        page.uncheck(f"form.filters input[value={other}]")
    assert events_shown(page) == [XIAOMI[1], XIAOMI[3]]
    assert page.inner_text("#shown") == "2 of 6 events"
    assert "type=denial" in page.url
    page.reload()
    page.wait_for_selector("#events > li")
    assert events_shown(page) == [XIAOMI[1], XIAOMI[3]]
    page.select_option("select[name=counterparty]", "tencent")
    assert events_shown(page) == [XIAOMI[1]]


def test_an_article_shows_its_evidence_highlighted_and_linked(
    server: str, page: Any, screenshots: Path
) -> None:
    ready(page, server + "/company/xiaomi")
    page.click("#events > li:first-child >> text=the article")
    page.wait_for_url("**/article/**")
    page.wait_for_selector("#article-text mark.evidence")
    marks = page.locator("#article-text mark.evidence")
    texts = [marks.nth(i).inner_text() for i in range(marks.count())]
    assert any("Tencent, China\u2019s most valuable Internet firm" in t for t in texts)
    # The link from the timeline lands on the event's first evidence in the text.
    fragment = page.url.split("#", 1)[1]
    assert page.locator(f"mark.evidence:has(#{fragment})").count() == 1
    page.screenshot(path=str(screenshots / "article.png"))
    page.click("#article-text mark.evidence >> nth=0")
    assert "#event-" in page.url


def test_a_new_article_appears_on_an_open_timeline_without_a_reload(
    server: str, page: Any, post_article: Any
) -> None:
    ready(page, server + "/company/xiaomi")
    page.wait_for_selector("#live:not([hidden])")
    before = page.locator("#events > li").count()
    post_article(
        title="Xiaomi and Nokia",
        text="Xiaomi signed a partnership with Nokia to share patents, the companies said.",
        published="2018-07-05",
    )
    page.wait_for_selector("#events > li.new", timeout=10_000)
    assert page.locator("#events > li").count() == before + 1
    assert "Nokia" in page.inner_text("#events > li.new")


def test_markup_in_an_article_is_shown_as_text(server: str, page: Any, post_article: Any) -> None:
    hostile = "<script>window.pwned = 1</script><img src=x onerror='window.pwned = 2'>"
    stored = post_article(
        title=f"{hostile} Tencent and Xiaomi",
        text=f"{hostile} Tencent may invest in Xiaomi, according to Reuters.",
        format="text",
    )
    ready(page, f"{server}/article/{stored['article']['article_id']}")
    assert hostile in page.inner_text("h1")
    assert hostile in page.inner_text("#article-text")
    assert page.evaluate("window.pwned") is None
    assert page.locator("#app script, #app img").count() == 0


def test_a_deal_page_lists_the_thread_in_order(server: str, page: Any) -> None:
    ready(page, server + "/company/xiaomi")
    page.click("#chart svg a[href^='/deal/'] >> nth=0")
    page.wait_for_url("**/deal/**")
    page.wait_for_selector("#events > li")
    kinds = page.eval_on_selector_all(
        "#events > li .badge", "badges => badges.map(b => b.textContent.trim())"
    )
    assert kinds and set(kinds) <= {"Rumor", "Denial", "Partnership", "Endorsement"}


def test_a_phone_sized_screen_needs_no_sideways_scrolling(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    ready(phone, server + "/company/xiaomi")
    phone.wait_for_selector("#events > li")
    width = phone.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 390


def test_an_unknown_company_says_so(server: str, page: Any) -> None:
    ready(page, server + "/company/no-such-company")
    assert page.inner_text("h1") == "Not found"
    assert "no-such-company" in page.inner_text("[role=alert]")
