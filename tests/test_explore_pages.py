"""The explore pages from the real bank: every page renders, is cacheable by a proxy with an ETag
that follows the bank, names its canonical URL, speaks neutrally, and search finds every name."""

from __future__ import annotations

import dataclasses
import html as html_text
import re

import pytest
from support import create_user
from support_explore import load_real_bank, own_voice_chunks
from support_quizzes import T0

from quizapp.bank_store import incoming_items, sync_bank
from quizapp.domain.bank import Bank, BankLoad
from quizapp.domain.neutral_words import unattributed_uses
from quizapp.explore.store import search, sync_explore
from quizapp.models import db


def explore_urls(load: BankLoad) -> list[str]:
    bank = load.bank
    return [
        "/explore/",
        "/explore/timeline",
        *(f"/explore/timeline?period={period.id}" for period in load.periods),
        "/explore/timeline?tag=ceasefire",
        "/explore/timeline?topic=history",
        "/explore/people",
        *(f"/explore/people/{figure.id}" for figure in bank.figures),
        "/explore/actors",
        *(f"/explore/actors/{actor.id}" for actor in bank.actors),
        "/explore/places",
        *(f"/explore/places/{place.id}" for place in bank.places),
        "/explore/search",
        "/explore/search?q=Khankendi",
        "/explore/search?q=ceasefire",
        "/explore/search?q=operation",
    ]


def test_every_explore_page_renders_for_anyone_and_may_be_cached(app, client):
    load = load_real_bank(app)
    etags = set()
    for url in explore_urls(load):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert response.cache_control.public and response.cache_control.max_age == 300, url
        assert "Cookie" in response.vary
        assert "Set-Cookie" not in response.headers, url
        etags.add(response.get_etag()[0])
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
        assert canonical and canonical.group(1).startswith("http://localhost/explore/"), url
        description = re.search(r'<meta name="description" content="([^"]+)">', html)
        assert description and 20 < len(html_text.unescape(description.group(1))) <= 200, url
        assert "Log in</a>" in html
    assert len(etags) == 1  # one bank, one fingerprint


def test_no_explore_page_uses_a_loaded_word_outside_an_attributed_quote_or_term(app, client):
    load = load_real_bank(app)
    # Organisations' own names (e.g. Genocide Watch) are their terms.
    names = [actor.name for actor in load.bank.actors]
    found = []
    for url in explore_urls(load):
        for chunk in own_voice_chunks(client.get(url).get_data(as_text=True)):
            found.extend(f"{url}: {use}" for use in unattributed_uses(chunk, names))
    assert found == []


def test_the_scan_catches_a_loaded_word_in_the_apps_voice(app, client):
    load = load_real_bank(app)
    renamed = dataclasses.replace(
        load.periods[0], name="The occupied years before the Karabakh movement"
    )
    sync_explore((renamed, *load.periods[1:]))
    db.session.commit()
    chunks = own_voice_chunks(client.get("/explore/timeline").get_data(as_text=True))
    uses = [use for chunk in chunks for use in unattributed_uses(chunk)]
    assert uses and {use.word for use in uses} == {"occupied"}


def test_the_etag_revalidates_and_changes_when_the_bank_changes(app, client):
    load = load_real_bank(app)
    first = client.get("/explore/timeline")
    etag = first.get_etag()[0]
    again = client.get("/explore/timeline", headers={"If-None-Match": f'"{etag}"'})
    assert again.status_code == 304
    # A fact's wording changes: the sync bumps it, and the pages' ETag follows.
    event = load.bank.events[0]
    changed = dataclasses.replace(event, statement=event.statement + " (Reworded.)")
    facts = tuple(changed if fact.id == event.id else fact for fact in load.bank.facts)
    reworded = dataclasses.replace(load, bank=Bank(facts, load.bank.questions))
    sync_bank(incoming_items(reworded, app.config["QUESTION_BANK_SEED"]), T0)
    sync_explore(load.periods)
    db.session.commit()
    after = client.get("/explore/timeline", headers={"If-None-Match": f'"{etag}"'})
    assert after.status_code == 200
    assert after.get_etag()[0] != etag
    assert "(Reworded.)" in after.get_data(as_text=True)
    # A period changes too.
    renamed = dataclasses.replace(load.periods[-1], name="Since September 2023")
    sync_explore((*load.periods[:-1], renamed))
    db.session.commit()
    assert client.get("/explore/").get_etag()[0] != after.get_etag()[0]


def test_a_learners_page_is_private_and_not_stored(app, client, auth):
    load_real_bank(app)
    create_user("reader")
    auth.login("reader")
    response = client.get("/explore/people/figure.ilham-aliyev")
    assert response.status_code == 200
    assert response.cache_control.private and response.cache_control.no_store
    assert response.get_etag() == (None, None)
    assert "Quiz me on this" in response.get_data(as_text=True)


def test_the_timeline_shows_dates_precision_places_sources_and_filters(app, client):
    load = load_real_bank(app)
    html = client.get("/explore/timeline?period=second-war").get_data(as_text=True)
    assert html.count('class="event"') == 7
    assert "The Second Nagorno-Karabakh War" in html
    assert "<svg" not in html or 'role="img"' in html
    everything = client.get("/explore/timeline").get_data(as_text=True)
    assert everything.count('class="event"') == len(load.bank.events)
    assert "(date known to the year only)" in everything
    assert "(date known to the month only)" in everything
    assert "Stepanakert (Khankendi)" in everything
    assert (
        'cite="https://' in everything
        and "<caption>Events in the bank by period</caption>" in everything
    )
    unknown = client.get("/explore/timeline?period=nope&tag=%E2%80%BD&topic=" + "x" * 5000)
    assert unknown.status_code == 200
    assert unknown.get_data(as_text=True).count('class="event"') == len(load.bank.events)
    # A NUL is refused before any view runs, as in every query string.
    assert client.get("/explore/timeline?tag=%00").status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/explore/people/place.stepanakert",
        "/explore/people/no-such-person",
        "/explore/places/figure.ilham-aliyev",
        "/explore/actors/" + "x" * 3000,
        "/explore/planets",
    ],
)
def test_a_page_for_nothing_is_not_found(app, client, url):
    load_real_bank(app)
    assert client.get(url).status_code == 404


def test_search_finds_a_place_by_either_name_and_a_person_by_any_spelling(app, client):
    load = load_real_bank(app)
    for place in load.bank.places:
        for name in place.names:
            assert place.id in [hit.fact_id for hit in search(name)], name
    for figure in load.bank.figures:
        for name in figure.names:
            assert figure.id in [hit.fact_id for hit in search(name)], name
    assert "figure.levon-ter-petrosyan" in [h.fact_id for h in search("Ter-Petrossian")]
    page = client.get("/explore/search?q=Khankendi").get_data(as_text=True)
    assert 'href="/explore/places/place.stepanakert"' in page
    assert "event.lachin-corridor-blocked" in [hit.fact_id for hit in search("Lachin blocked")]


@pytest.mark.parametrize("query", ["", "   ", "\"*'", "a OR b NOT c", "x" * 10000, "NEAR(a b)"])
def test_any_search_text_is_answered_without_an_error(app, client, query):
    load_real_bank(app)
    response = client.get("/explore/search", query_string={"q": query})
    assert response.status_code == 200
