"""Structured readers (extractor.structured): synthetic pages of our own, then the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html

from extractor.evaluate.score import evaluate
from extractor.parse.structured import StructuredResult, extract
from extractor.parse.structured._common import parse_clock
from extractor.parse.structured.pretalx import split_speakers


def _extract(page: str) -> StructuredResult | None:
    return extract(html.document_fromstring(page), "test.html")


def _only(result: StructuredResult | None) -> StructuredResult:
    assert result is not None
    return result


# --- pretalx ---------------------------------------------------------------------------------

_PRETALX_SESSION = """
<a href="/x/talk/{id}/"><div class="pretalx-session{extra}" id="{id}">
  <div class="pretalx-session-time-box">
    <div class="start"> {start} </div><div class="duration">{dur}</div></div>
  <div class="pretalx-session-info">
    <div class="title">  {title} </div>
    {speakers}
    <div class="abstract"><p>First paragraph.</p><p>Second&nbsp;one.</p></div>
    <div class="bottom-info"><div class="track">Main</div><div class="room">{room}</div></div>
  </div>
</div></a>"""


def _pretalx_page() -> str:
    def block(**kw: str) -> str:
        kw.setdefault("extra", "")
        kw.setdefault("speakers", "")
        return _PRETALX_SESSION.format(**kw)

    day1 = block(
        id="AAA111",
        start="09:00",
        dur="90min",
        title="Opening",
        room="Hall A",
        speakers='<div class="speakers">Ann Lee [Univ. of X, Dept. Y], Bo Ma</div>',
    )
    brk = block(id="break", extra=" break", start="10:30", dur="30min", title="Coffee", room="Foyer")
    day2 = block(
        id="BBB222",
        start="23:30",
        dur="1h 0min",
        title="Opening",
        room="Hall B",
        speakers='<div class="speakers">Cy Do [Lab Z]</div>',
    )
    return f"""<!DOCTYPE html><html lang="en"><head><title>DemoConf :: pretalx</title>
    <meta name="generator" content="pretalx"></head><body><header><h1><a href="/">DemoConf</a></h1></header>
    <div class="pretalx-tabbed"><input name="tabs" id="2025-03-17" type="radio" checked>
    <div class="pretalx-list-day pretalx-tab-content"><div class="bucket-time">09:00</div>{day1}{brk}</div>
    <input name="tabs" id="2025-03-18" type="radio">
    <div class="pretalx-list-day pretalx-tab-content">{day2}</div></div></body></html>"""


def test_pretalx_reads_days_times_rooms_speakers_and_abstracts() -> None:
    result = _only(_extract(_pretalx_page()))
    assert (result.kind, result.title, result.language) == ("pretalx", "DemoConf", "en")
    assert [s.id for s in result.sessions] == ["opening", "coffee", "opening-2"]
    first, brk, last = result.sessions
    assert first.slot.model_dump() == {
        "day": "2025-03-17",
        "start": "09:00",
        "end": "10:30",
        "raw": "09:00 90min",
    }
    assert first.room is not None and first.room.model_dump() == {
        "name": "Hall A",
        "provisional": False,
        "raw": "Hall A",
    }
    assert [(s.name, s.affiliation, s.raw) for s in first.speakers] == [
        ("Ann Lee", "Univ. of X, Dept. Y", "Ann Lee [Univ. of X, Dept. Y]"),
        ("Bo Ma", None, "Bo Ma"),
    ]
    assert first.description is not None
    assert first.description.model_dump() == {
        "text": "First paragraph. Second one.",
        "provisional": False,
        "label": None,
    }
    assert brk.speakers == [] and brk.slot.end == "11:00"
    # crossing midnight wraps the clock
    assert (last.slot.day, last.slot.start, last.slot.end) == ("2025-03-18", "23:30", "00:30")


def test_pretalx_speaker_lists() -> None:
    assert [(s.name, s.affiliation) for s in split_speakers("A B [X, Y], C D, E F [Z]")] == [
        ("A B", "X, Y"),
        ("C D", None),
        ("E F", "Z"),
    ]
    assert split_speakers("  ") == []


# --- Sessionize -----------------------------------------------------------------------------

_SZ = """<html><body><div class="sz-tab-container"><ul class="sz-sessions--list">
<li id="sz-session-1" class="sz-session sz-session--full ">
  <ul class="sz-session__speakers"><li><a href="#">Joseph
     Guadagno</a></li><li><a href="#">Crux Conception, M. Psych</a></li></ul>
  <h3 class="sz-session__title"> Application   Patterns </h3>
  <p class="sz-session__description">Line one.<br><br>Line two &amp; more.</p>
  <div class="sz-session__room">Suite 7</div>
  <div class="sz-session__time"
   data-sztz="DayTime|en-US|2022-11-10T03:30:00.0000000Z|2022-11-10T04:30:00.0000000Z"
  >Wed 10:30 pm - 11:30 pm</div>
</li>
<li id="sz-session-2" class="sz-session sz-session--full sz-tag_1">
  <ul class="sz-session__speakers"><li><a href="#">Sam Basu</a></li></ul>
  <h3 class="sz-session__title">Lunch talk</h3>
  <div class="sz-session__room">Ballroom</div>
  <div class="sz-session__time" data-sztz="DayTime|en-US|2022-11-09T17:00:00Z|2022-11-09T18:00:00Z"
  >Wed 12:00 pm - 1:00 pm</div>
</li>
<li class="sz-session"><h3 class="sz-session__title"> </h3></li>
</ul></div></body></html>"""


def test_sessionize_reads_list_embed() -> None:
    result = _only(_extract(_SZ))
    assert result.kind == "sessionize"
    first, second = result.sessions
    assert first.title == "Application Patterns"
    # 03:30 UTC on the 10th shown as 10:30 pm: the event's own day is the 9th
    assert first.slot.model_dump() == {
        "day": "2022-11-09",
        "start": "22:30",
        "end": "23:30",
        "raw": "Wed 10:30 pm - 11:30 pm",
    }
    assert [(s.name, s.credentials) for s in first.speakers] == [
        ("Joseph Guadagno", []),
        ("Crux Conception", ["M. Psych"]),
    ]
    assert first.description is not None and first.description.text == "Line one. Line two & more."
    assert (second.slot.start, second.slot.end, second.slot.day) == ("12:00", "13:00", "2022-11-09")
    assert second.room is not None and second.room.name == "Ballroom"
    assert len(result.warnings) == 1 and "without a title" in result.warnings[0].reason


# --- JSON-LD and microdata ------------------------------------------------------------------


def _jsonld_page(*documents: object) -> str:
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(d)}</script>' for d in documents)
    return f'<html lang="fr-CA"><head>{scripts}</head><body><p>Programme</p></body></html>'


_CONFERENCE = {
    "@context": "https://schema.org",
    "@type": "EducationEvent",
    "name": "Colloque test",
    "inLanguage": "fr",
    "subEvent": [
        {
            "@type": "Event",
            "name": "Mot de bienvenue",
            "startDate": "2025-11-19T08:30:00-05:00",
            "endDate": "2025-11-19T08:45:00-05:00",
            "location": {"@type": "Place", "name": "Salle 2.105"},
        },
        {
            "@type": "Event",
            "name": "Études de cas",
            "startDate": "2025-11-19T13:30",
            "duration": "PT1H15M",
            "location": "Agora",
            "performer": [
                {
                    "@type": "Person",
                    "name": "Geneviève Baril",
                    "jobTitle": "Codirectrice",
                    "affiliation": {"@type": "Organization", "name": "ÉNAP"},
                },
                "Jean Tremblay",
            ],
            "description": "<p>Cette étude de cas&nbsp;porte sur…</p>",
        },
    ],
}


def test_jsonld_event_with_sub_events() -> None:
    result = _only(_extract(_jsonld_page(_CONFERENCE)))
    assert (result.kind, result.title, result.language) == ("jsonld", "Colloque test", "fr")
    welcome, cases = result.sessions
    assert welcome.id == "mot-de-bienvenue"
    assert welcome.slot.model_dump() == {
        "day": "2025-11-19",
        "start": "08:30",
        "end": "08:45",
        "raw": "2025-11-19T08:30:00-05:00 – 2025-11-19T08:45:00-05:00",
    }
    assert welcome.room is not None and welcome.room.name == "Salle 2.105"
    assert (cases.id, cases.slot.start, cases.slot.end) == ("etudes-de-cas", "13:30", "14:45")
    assert [(s.name, s.titles, s.affiliation) for s in cases.speakers] == [
        ("Geneviève Baril", ["Codirectrice"], "ÉNAP"),
        ("Jean Tremblay", [], None),
    ]
    assert cases.description is not None and cases.description.text == "Cette étude de cas porte sur…"


def test_jsonld_graph_and_lists_of_events() -> None:
    events = [
        {"@type": "Event", "name": "Talk A", "startDate": "2025-01-02T10:00"},
        {"@type": ["Event"], "name": "Talk A", "startDate": "2025-01-02T11:00"},
    ]
    result = _only(_extract(_jsonld_page({"@context": "https://schema.org", "@graph": events})))
    assert [s.id for s in result.sessions] == ["talk-a", "talk-a-2"]
    assert result.language == "fr"  # from <html lang>, no inLanguage given


def test_jsonld_lone_event_or_other_types_is_not_a_programme() -> None:
    lone = {"@type": "Event", "name": "Colloque", "startDate": "2025-11-19"}
    assert _extract(_jsonld_page(lone)) is None
    assert _extract(_jsonld_page({"@type": "Organization", "name": "ÉNAP"})) is None


def test_jsonld_invalid_json_is_skipped() -> None:
    page = _jsonld_page(_CONFERENCE).replace("<head>", '<head><script type="application/ld+json">{oops</script>')
    result = _only(_extract(page))
    assert len(result.sessions) == 2
    assert len(result.warnings) == 1 and result.warnings[0].reason.startswith("invalid JSON-LD")


def test_microdata_events() -> None:
    page = """<html lang="en"><body>
    <div itemscope itemtype="https://schema.org/Event"><h1 itemprop="name">Symposium</h1>
      <div itemprop="subEvent" itemscope itemtype="https://schema.org/Event">
        <h2 itemprop="name">Keynote</h2><time itemprop="startDate" datetime="2025-05-06T09:00">9 AM</time>
        <meta itemprop="endDate" content="2025-05-06T10:00">
        <span itemprop="location" itemscope itemtype="https://schema.org/Place">
          <span itemprop="name">Room 118</span></span>
        <span itemprop="performer" itemscope itemtype="https://schema.org/Person">
          <span itemprop="name">Ada Byron</span></span>
      </div>
      <div itemprop="subEvent" itemscope itemtype="https://schema.org/Event">
        <h2 itemprop="name">Panel</h2></div>
    </div></body></html>"""
    result = _only(_extract(page))
    assert (result.kind, result.title) == ("microdata", "Symposium")
    keynote, panel = result.sessions
    assert (keynote.slot.day, keynote.slot.start, keynote.slot.end) == ("2025-05-06", "09:00", "10:00")
    assert keynote.room is not None and keynote.room.name == "Room 118"
    assert [s.name for s in keynote.speakers] == ["Ada Byron"]
    assert panel.slot.start is None


# --- detection ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><p>13h30-14h45 Études de cas</p><p>Salle à venir</p></body></html>",
        '<html><body><div class="pretalx-session-list"></div><div class="sz-session"></div></body></html>',
        '<html><head><script type="application/ld+json">[]</script></head><body></body></html>',
    ],
)
def test_pages_without_readable_structure_return_none(page: str) -> None:
    assert _extract(page) is None


def test_clock_parsing() -> None:
    assert parse_clock("Wed 10:20 am - 1:05 pm") == ["10:20", "13:05"]
    assert parse_clock("12:00 pm – 12 a.m.") == ["12:00", "00:00"]
    assert parse_clock("13:00 / 25:00 / 9:75") == ["13:00"]


# --- the shared corpus (read in place; skipped when absent) ---------------------------------

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
READER_PAGES = [
    ("good2025-pretalx", "schedule-nojs.html", "pretalx"),
    ("devcon-pretalx-demo", "schedule-nojs.html", "pretalx"),
    ("techbash2022-sessionize", "sessions.html", "sessionize"),
]


@pytest.mark.parametrize(("folder", "page", "kind"), READER_PAGES)
def test_readers_score_on_corpus(folder: str, page: str, kind: str) -> None:
    from bench.truth import PAGES, corpus_dir, expected_for

    corpus = corpus_dir()
    if corpus is None or not (corpus / folder / page).is_file():
        pytest.skip(f"shared corpus absent ({CORPUS}): structured readers not scored on real pages")
    from extractor.read.decode import decode

    text, _ = decode((corpus / folder / page).read_bytes(), page)
    result = _only(extract(html.document_fromstring(text), page))
    assert result.kind == kind
    entry = next(p for p in PAGES if p.folder == folder)
    score = evaluate(
        {"sessions": [s.model_dump(mode="json") for s in result.sessions]},
        expected_for(entry, corpus),
        name=folder,
    )
    for field, counts in score.fields.items():
        if counts.labels:
            assert counts.f1 is not None and counts.f1 >= 0.9, (field, counts.as_dict())
    ids = [s.id for s in result.sessions]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", ["wix-markup/wix-2025-capture.html", "chr2024-hugo/programme.html"])
def test_plain_corpus_pages_have_no_structure(path: str) -> None:
    if not (CORPUS / path).is_file():
        pytest.skip(f"shared corpus absent ({CORPUS})")
    from extractor.read.decode import decode

    text, _ = decode((CORPUS / path).read_bytes(), path)
    assert extract(html.document_fromstring(text), path) is None


# --- Indico meetings ------------------------------------------------------------------------

_INDICO = """<html lang="en"><body>
<div class="eventWrapper" itemscope itemtype="http://schema.org/Event">
 <div class="event-header"><h1 itemprop="name">Detector Workshop</h1></div>
 <div class="event-body"><ul class="dayList">
  <li id="day-2024-03-05"><div><span class="day">Tuesday 5 March 2024</span></div>
   <ul class="meeting-timetable">
    <li class="timetable-item timetable-contrib" id="1-welcome">
     <span class="timetable-time top-level"><span class="start-time">09:00</span> &rarr;
       <span class="end-time">09:10</span></span>
     <div class="timetable-item-body">
      <div class="timetable-item-header"><span class="timetable-title" data-anchor="x">Welcome</span>
       <span class="icon-time timetable-duration">10m</span>
       <span class="location-info item-location"><i class="icon-location"></i>
        <span class="text">Room 222 (Main Building)</span></span>
       <span class="qtip-hidden-content"><div class="location-info-tip"><h3>Room 222</h3></div></span>
      </div>
      <div itemprop="description" class="item-description contrib-description"><p>Opening words.</p></div>
      <div class="speaker-list"><span class="label">Speakers</span>:
       <span class=""><span class="speaker-title">Dr</span><span>Ada Byron</span>
        <span class="affiliation"><span class="text">(CERN)</span></span></span>,
       <span class=""><span class="speaker-title">Mr</span><span>Bo Ma</span></span>
      </div>
     </div>
    </li>
    <li class="timetable-item timetable-block" id="b-1-tracking">
     <span class="timetable-time top-level"><span class="start-time">09:10</span> &rarr;
       <span class="end-time">10:30</span></span>
     <div class="timetable-item-body">
      <div class="timetable-item-header"><span class="timetable-title top-level">Tracking</span></div>
      <div class="convener-list"><span class="label">Convener</span>:
       <span class=""><span>Cy Do</span>
        <span class="affiliation"><span class="text">(DESY)</span></span></span></div>
      <ul class="meeting-sub-timetable">
       <li class="timetable-item timetable-contrib" id="2-pixels">
        <span class="timetable-time nested"><span class="start-time">09:10</span></span>
        <div class="timetable-item-body"><div class="timetable-item-header">
         <span class="timetable-title nested">Pixel detectors</span>
         <span class="icon-time timetable-duration">1h 5m</span></div></div>
       </li>
      </ul>
     </div>
    </li>
    <li class="timetable-item timetable-break">
     <span class="timetable-time break top-level"><span class="start-time">10:30</span> &rarr;
       <span class="end-time">11:00</span></span>
     <span class="location-info item-location"><span class="text">Foyer</span></span>
     <div class="timetable-item-body"><div class="timetable-item-header">
      <span class="timetable-title top-level break">Coffee break</span></div></div>
    </li>
   </ul>
  </li>
 </ul></div>
</div></body></html>"""


def test_indico_meeting_timetable() -> None:
    result = _only(_extract(_INDICO))
    assert (result.kind, result.title, result.language) == ("indico", "Detector Workshop", "en")
    assert [s.title for s in result.sessions] == ["Welcome", "Tracking", "Pixel detectors", "Coffee break"]
    welcome, block, talk, pause = result.sessions
    assert (welcome.slot.day, welcome.slot.start, welcome.slot.end) == ("2024-03-05", "09:00", "09:10")
    assert welcome.room is not None and welcome.room.name == "Room 222 (Main Building)"
    assert welcome.description is not None and welcome.description.text == "Opening words."
    assert [(s.name, s.affiliation, s.credentials) for s in welcome.speakers] == [
        ("Ada Byron", "CERN", ["Dr"]),
        ("Bo Ma", None, []),
    ]
    assert [(s.name, s.affiliation) for s in block.speakers] == [("Cy Do", "DESY")]
    assert block.room is None
    # nested talks show no end time: the duration gives it
    assert (talk.slot.start, talk.slot.end) == ("09:10", "10:15")
    assert pause.room is not None and pause.room.name == "Foyer"
    assert welcome.speakers[1].raw == "Mr Bo Ma"


def test_jsonld_sub_events_by_reference() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Event", "@id": "#conf", "name": "Conf", "subEvent": [{"@id": "#t1"}, {"@id": "#t2"}]},
            {"@type": "Event", "@id": "#t1", "name": "Talk one", "startDate": "2025-02-03T09:00"},
            {
                "@type": "Event",
                "@id": "#t2",
                "name": "Talk two",
                "startDate": "2025-02-03T10:00",
                "subEvent": {"@id": "#conf"},
            },
        ],
    }
    result = _only(_extract(_jsonld_page(graph)))
    assert result.title == "Conf"
    # each talk once, in order; the reference cycle back to the conference stops
    assert [s.title for s in result.sessions] == ["Talk one", "Talk two"]


def _nested(depth: int) -> object:
    value: object = {"@type": "Event", "name": "Deep"}
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "script",
    [
        "[" * 5000 + "]" * 5000,  # deeper than the JSON decoder allows
        json.dumps({"@graph": _nested(60)}),
        json.dumps(
            [
                {"@type": "Event", "name": "A", "startDate": "2025-13-45T25:99"},
                {"@type": "Event", "name": "B", "startDate": None, "location": [None, 3]},
            ]
        ),
        "not json {",
    ],
)
def test_jsonld_hostile_input_never_raises(script: str) -> None:
    page = f'<html><head><script type="application/ld+json">{script}</script></head><body></body></html>'
    result = _extract(page)
    if result is not None:
        for session in result.sessions:
            assert session.slot.day is None and session.slot.start is None


_FRAGMENTS = [
    '<div class="pretalx-session"><div class="title">{t}</div><div class="start">{t}</div>'
    '<div class="duration">{t}</div><div class="speakers">{t}</div></div>',
    '<li class="sz-session"><h3 class="sz-session__title">{t}</h3>'
    '<div class="sz-session__time" data-sztz="{t}">{t}</div></li>',
    '<ul class="meeting-timetable"><li class="timetable-item"><span class="timetable-time">'
    '<span class="start-time">{t}</span></span><div class="timetable-item-body">'
    '<div class="timetable-item-header"><span class="timetable-title">{t}</span>'
    '<span class="timetable-duration">{t}</span></div></div></li></ul>',
    '<div itemscope itemtype="https://schema.org/Event"><span itemprop="name">{t}</span>'
    '<div itemprop="subEvent" itemscope itemtype="https://schema.org/Event">'
    '<meta itemprop="startDate" content="{t}"><span itemprop="name">{t}</span></div></div>',
    '<input id="{t}"><div class="pretalx-list-day">{t}</div>',
]


@settings(max_examples=60, deadline=None)
@given(
    parts=st.lists(
        st.tuples(
            st.sampled_from(_FRAGMENTS),
            st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
        ),
        max_size=6,
    )
)
def test_readers_never_raise_on_odd_markup(parts: list[tuple[str, str]]) -> None:
    import html as html_lib

    body = "".join(fragment.format(t=html_lib.escape(text)) for fragment, text in parts)
    result = _extract(f"<html><body>{body}</body></html>")
    if result is not None:
        ids = [s.id for s in result.sessions]
        assert len(ids) == len(set(ids)) and all(ids)
