"""Layouts met on real programme pages, each in a few lines of markup written for the test (no third-party
page is copied): what a careful reader would write down, field by field."""

from __future__ import annotations

from extractor.models import Programme, Session, Warning
from extractor.parse.pipeline import parse_bytes


def parse(html: str) -> Programme:
    return parse_bytes(f"<html><body>{html}</body></html>".encode(), "test.html")


def find(programme: Programme, title: str) -> Session:
    found = [s for s in programme.sessions if s.title == title]
    assert found, [s.title for s in programme.sessions]
    return found[0]


def names(session: Session, role: str | None = None) -> list[str]:
    return [s.name for s in session.speakers if s.role == role]


def test_a_time_then_its_place_after_a_comma() -> None:
    p = parse("<h2>Monday, May 20, 2024</h2>"
              "<h3>BREAKFAST 8 - 9am, Bruno's (Upstairs Reed)</h3>"
              "<h3>Keynote Panel: (M 5/20) 10:45am - 12:15pm, McGarvey Commons</h3><p>Chairs: Ana Ruiz, Bo Ma</p>"
              "<h3>LUNCH 12:15 - 1:15pm, Bruno's (Upstairs Reed)</h3>")
    breakfast = find(p, "BREAKFAST")
    assert (breakfast.slot.start, breakfast.slot.end) == ("08:00", "09:00")
    assert breakfast.room is not None and breakfast.room.name == "Bruno's (Upstairs Reed)"
    panel = find(p, "Keynote Panel")  # the day code "(M 5/20)" is not part of the title
    assert panel.room is not None and panel.room.name == "McGarvey Commons"
    assert names(panel, "chairs") == ["Ana Ruiz", "Bo Ma"]


def test_a_heading_lends_its_room_to_the_talks_under_it() -> None:
    p = parse("<h2>Tuesday 21 May 2024</h2><h3>Session 2: 1:15 - 2:45pm</h3>"
              "<div><h4>Panel A: Digital Communities, Reed 114</h4><p>Chair: Jo Hunt</p>"
              "<ul><li>Reading Reddit Horror<p class='auth'>Cam Holt (University of Louisville)</p></li>"
              "<li>Being Online in China<p class='auth'>Zhi Wang (University of Edinburgh)</p></li></ul></div>"
              "<div><h4>Panel B: Forms of Practice, Reed 113</h4>"
              "<ul><li>Wilderness Walk<p class='auth'>Zach Whalen (University of Mary Washington)</p></li></ul></div>")
    assert find(p, "Reading Reddit Horror").room.name == "Reed 114"  # type: ignore[union-attr]
    assert find(p, "Being Online in China").room.name == "Reed 114"  # type: ignore[union-attr]
    assert find(p, "Wilderness Walk").room.name == "Reed 113"  # type: ignore[union-attr]
    assert find(p, "Panel A: Digital Communities").format == "Panel"  # numbered, the number stays


def test_one_person_named_over_nested_talks_chairs_them() -> None:
    p = parse("<h2>Mercredi 5 juillet 2023</h2><h3>10h45-12h00</h3><ul>"
              "<li>Parallélisme I : Louis Canon (Univ. Franche Comté/FEMTO-ST) (<em>Amphi B014</em>)<ul>"
              "<li><strong>Interruptions en espace utilisateur</strong> <em>Charles Goedefroit</em> (Inria)</li>"
              "<li><strong>I/O performance of simulations</strong> <em>Louis Peyrondet, Francieli Boito</em>"
              " (Inria Bordeaux)</li></ul></li></ul>")
    head = find(p, "Parallélisme I")
    assert names(head, "chair") == ["Louis Canon"]
    assert head.room is not None and head.room.name == "Amphi B014"
    talk = find(p, "I/O performance of simulations")
    assert talk.room is not None and talk.room.name == "Amphi B014"
    assert [s.affiliation for s in talk.speakers] == ["Inria Bordeaux", "Inria Bordeaux"]


def test_class_names_of_a_section_holding_headings_are_no_hint() -> None:
    p = parse("<div class='teaser'><h2>Mardi 4 juillet 2023</h2><h3>10h-12h (les salles seront communiquées ici)</h3>"
              "<ul><li>Tutoriel Upmem (Salle A-C206)</li></ul><h3>12h15-14h Déjeuner (Jean XXIII)</h3></div>")
    tutorial = find(p, "Tutoriel Upmem")
    assert not tutorial.speakers  # a format word opens no name, a room in parentheses is no employer
    assert tutorial.room is not None and tutorial.room.name == "Salle A-C206"
    lunch = find(p, "Déjeuner")
    assert lunch.room is not None and lunch.room.name == "Jean XXIII"  # a break's parenthesis is a place


def test_footnoted_affiliations() -> None:
    p = parse("<div class='session'><div class='time'>09:50-10:10</div>"
              "<div class='title'>Algorithmic Properties of Modal Logics</div><div class='title'>(abstract)</div>"
              "<div class='authors'><span>Mikhail Rybakov</span><sup>1,3,</sup></div>"
              "<div class='authors'><span>Dmitry Shkatov</span><sup>2</sup></div>"
              "<div class='affiliation'>1 Higher School of Modern Mathematics</div>"
              "<div class='affiliation'>2 University of the Witwatersrand</div>"
              "<div class='affiliation'>3 HSE University</div></div>"
              "<p>Friday, 24 July 2026</p>")
    talk = find(p, "Algorithmic Properties of Modal Logics")
    assert [(s.name, s.affiliation) for s in talk.speakers] == [
        ("Mikhail Rybakov", "Higher School of Modern Mathematics; HSE University"),
        ("Dmitry Shkatov", "University of the Witwatersrand")]
    assert all(s.title != "(abstract)" for s in p.sessions)


def test_a_table_of_panels_with_their_people_in_rows_below() -> None:
    p = parse("<table><tr><td>N° 1 Animée par Maurice Culot, architecte<br>La beauté est-elle universelle ?</td>"
              "<td></td><td>10h15-10h45</td><td></td></tr>"
              "<tr><td></td><td>ALTMANN</td><td>Illéana</td><td>Architecte</td></tr>"
              "<tr><td></td><td>CECCALDI</td><td>Joëlle</td><td>Maire de Puteaux</td></tr>"
              "<tr><td>N° 2 Animée par William Pesson<br>Répondre aux critiques</td>"
              "<td></td><td>12h30-13h00</td><td></td></tr>"
              "<tr><td></td><td>SIMPSON</td><td>John</td><td>Architecte</td></tr></table>"
              "<p>Samedi 14 juin 2025</p>")
    panel = find(p, "La beauté est-elle universelle ?")
    assert names(panel, "animation") == ["Maurice Culot"]
    assert names(panel) == ["ALTMANN Illéana", "CECCALDI Joëlle"]
    assert names(find(p, "Répondre aux critiques")) == ["SIMPSON John"]


def test_weekday_and_numeric_date_cells_and_continuation_rows() -> None:
    p = parse("<p>This page was last updated on October 23, 2003</p>"
              "<table><tr><td>Sunday</td><td>10/26</td><td>9:30 a.m. - 12:30 p.m.</td><td>Tutorials I and II</td></tr>"
              "<tr><td>Thursday</td><td>10/30</td><td>9:00 a.m. - 12:30 p.m.</td><td>Panel Sessions</td></tr>"
              "<tr><td></td><td></td><td>Panel 1</td><td>Music Retrieval<br>in Devices</td></tr>"
              "<tr><td></td><td></td><td></td><td>Chair: Ty Roberts</td></tr>"
              "<tr><td></td><td></td><td></td><td>Gracenote, Inc.</td></tr></table><p>ISMIR 2003</p>")
    assert find(p, "Tutorials I and II").slot.day == "2003-10-26"
    panel = find(p, "Music Retrieval in Devices")
    assert [(s.name, s.role, s.affiliation) for s in panel.speakers] == [("Ty Roberts", "chair", "Gracenote, Inc.")]
    assert not [s for s in p.sessions if s.title in ("Chair: Ty Roberts", "Gracenote, Inc.")]


def test_an_overview_grid_gives_way_to_the_day_tables() -> None:
    grid = ("<table><tr><th></th><th>Monday, 9 August</th><th>Tuesday, 10 August</th></tr>"
            "<tr><td>9:00-9:30</td><td>Registration</td><td>Registration</td></tr>"
            "<tr><td>10:00-11:00</td><td>Tutorials</td><td>Keynote speaker</td></tr>"
            "<tr><td>11:00-13:00</td><td></td><td>Poster session 1</td></tr>"
            "<tr><td>13:00-14:00</td><td>Lunch</td><td>Lunch</td></tr></table>")
    tuesday = ("<h2>Tuesday, 10 August</h2><table><tr><td>9:00-9:45</td><td>Registration</td></tr>"
               "<tr><td>10:00-11:00</td><td>Keynote speech: Music and Cognition</td></tr>"
               "<tr><td>11:00-13:00</td><td>Poster session 1 (19 posters, see below)</td></tr>"
               "<tr><td>13:00-14:00</td><td>Lunch</td></tr></table>"
               "<h2>Tuesday, 10 August, 11:00-13:00 Poster session 1 (19 posters)</h2>"
               "<ul><li>Estimating Artist Popularity</li><li>Markus Schedl and Tim Pohle</li>"
               "<li>Identifying Repeated Patterns</li><li>Ron Weiss and Juan Bello</li></ul>")
    monday = ("<h2>Monday, 9 August</h2><table><tr><td>9:00-10:00</td><td>Registration</td></tr>"
              "<tr><td>10:00-13:00</td><td>Tutorials 1 and 2</td></tr>"
              "<tr><td>13:00-14:00</td><td>Lunch</td></tr></table>"
              "<ul><li>Tutorial 1: Ana Ruiz (INRIA) and Bo Ma (University of Tokyo). Source Separation.</li></ul>")
    p = parse(f"<p>ISMIR 2010</p>{grid}{monday}{tuesday}")
    tuesday_titles = [s.title for s in p.sessions if s.slot.day == "2010-08-10" and s.slot.start]
    assert "Music and Cognition" in tuesday_titles and "Keynote speaker" not in tuesday_titles
    assert sum(1 for t in tuesday_titles if t.startswith("Poster session 1")) == 1  # its two mentions are one


def test_a_break_and_a_note_on_it() -> None:
    p = parse("<h2>Lundi 3 mars 2025</h2><table><tr><td>13:00-14:00</td>"
              "<td>lunch: there is a possibility to have lunch at the university canteen, not included</td></tr>"
              "<tr><td>14:00-15:00</td><td>Keynote</td></tr><tr><td>15:00-16:00</td><td>Posters</td></tr></table>")
    lunch = find(p, "lunch")
    assert lunch.description is not None and lunch.description.text.startswith("there is a possibility")


def test_placeholders_are_nobody_and_provisional_rooms_have_no_name() -> None:
    p = parse("<h2>Thursday 23 May 2024</h2>"
              "<p>15:30 - 15:45 Short talk 1</p><p>Speaker: Could be you!</p>"
              "<p>16:00 - 16:30 Keynote</p><p>Lieu : à définir</p>")
    assert find(p, "Short talk 1").speakers == []
    room = find(p, "Keynote").room
    assert room is not None and room.name is None and room.provisional


def test_a_format_with_its_duration() -> None:
    p = parse("<h2>Jeudi 13 mars 2025</h2><table><tr><th>Heure</th><th>F21</th><th>F22</th></tr>"
              "<tr><td>12:10</td><td><h4>Arrêtons de se moquer des mocks</h4><h5>Florian Montalbano</h5>"
              "<p>🕒 Lightning (15min)</p></td>"
              "<td><h4>Faire grandir les jeunes devs</h4><h5>Alexandre Touret</h5><p>🕒 Lightning (15min)</p></td></tr>"
              "<tr><td>12:25</td><td></td><td></td></tr>"
              "<tr><td>12:35</td><td><h4>OpenRewrite</h4><h5>Jérôme Tama</h5><p>🕒 Conférence (45min)</p></td>"
              "<td></td></tr></table>")
    talk = find(p, "Arrêtons de se moquer des mocks")
    assert (talk.format, talk.slot.start, talk.slot.end) == ("Lightning", "12:10", "12:25")
    assert talk.room is not None and talk.room.name == "F21"


def test_short_second_lines_name_people_when_most_do() -> None:
    rows = "".join(f"<tr><td>{t}</td><td>{a}<br>{b}</td></tr>" for t, a, b in [
        ("10:30", "Frictionless Data, Frictionless Development", "Andrew Stretton"),
        ("11:00", "Topic Modelling with Gensim", "Parul sethi"),
        ("11:30", "Implementing Custom Containers", "Claus"),
        ("12:00", "Coding with Compassion", "Ana Ruiz"),
        ("14:00", "The ZODB Ecosystem", "Jim Fulton"),
        ("14:30", "Micro:bits in Schools", "Sarah Townson"),
        ("12:30", "Lightning Talks", "Absolutely Anyone"),
    ])
    p = parse(f"<h2>Friday 27 October 2017</h2><table><tr><th>Time</th><th>Assembly Room</th></tr>{rows}</table>")
    assert names(find(p, "Frictionless Data, Frictionless Development")) == ["Andrew Stretton"]
    assert names(find(p, "Implementing Custom Containers")) == ["Claus"]
    assert names(find(p, "Lightning Talks")) == []


def test_tab_labels_head_their_panels() -> None:
    p = parse("<ul role='tablist'><li><a href='#t1' role='tab'>Track 01</a></li>"
              "<li><a href='#t2' role='tab'>Track 02</a></li></ul>"
              "<div role='tabpanel' id='t1'><div>09:00 - 09:30</div><h4>Welcome Note</h4>"
              "<div>11:30 - 12:00</div><h4>Serverless for Startups</h4></div>"
              "<div role='tabpanel' id='t2'><div>11:30 - 12:00</div><h4>Kubernetes Zero to Hero</h4></div>"
              "<p>AWS Community Day, 2 March 2024</p>")
    assert find(p, "Serverless for Startups").room.name == "Track 01"  # type: ignore[union-attr]
    assert find(p, "Kubernetes Zero to Hero").room.name == "Track 02"  # type: ignore[union-attr]


def test_tab_labels_naming_kinds_give_formats() -> None:
    p = parse("<ul class='nav nav-tabs'><li><a href='#a' data-bs-toggle='tab'>Table ronde</a></li>"
              "<li><a href='#b' data-bs-toggle='tab'>Séance de formation</a></li></ul>"
              "<div class='tab-content'><div class='tab-pane active' id='a'><ul>"
              "<li><b>24 janvier 2025 - Les mains dans le code</b></li><li>Horaire : de 14h à 17h</li></ul></div>"
              "<div class='tab-pane' id='b'><ul><li><b>21 juin 2024 - Introduction au web scraping</b></li>"
              "<li>Lieu : Salle M019</li></ul></div></div>")
    assert find(p, "Les mains dans le code").format == "Table ronde"
    assert find(p, "Introduction au web scraping").format == "Séance de formation"


def test_talk_details_with_the_speaker_name_and_biography() -> None:
    p = parse("<h3>Wednesday July 18th 2018</h3><div class='item'><div class='time'>9:15am</div>"
              "<h3>@rachelandrew</h3><h3>Unlocking the power of CSS Grid Layout</h3></div>"
              "<div class='modal'><h1>Unlocking the power of CSS Grid Layout</h1>"
              "<p>In this talk I will show how grid layout works and what it means for the way we design.</p>"
              "<h2>Rachel Andrew</h2><h3>Rachel Andrew</h3>"
              "<p>Rachel Andrew is a front and back-end web developer, author and speaker, of CMS Perch.</p></div>"
              "<div class='item'><div class='time'>10:00am</div><h3>Code at the Center</h3></div>"
              "<div class='modal'><h1>Code at the Center</h1><h2>Anna Migas</h2>"
              "<p>Anna works as a Front-end Developer and Designer at Lunar Logic, in Krakow.</p></div>")
    assert [s.title for s in p.sessions] == ["Unlocking the power of CSS Grid Layout", "Code at the Center"]
    assert names(find(p, "Unlocking the power of CSS Grid Layout")) == ["Rachel Andrew"]
    assert names(find(p, "Code at the Center")) == ["Anna Migas"]


def test_a_home_made_tab_attribute_names_its_panel() -> None:
    p = parse("<nav><button class='toggle active' schedule='254'><span>Mercredi</span> <span>18 mars 2015</span>"
              "</button><button class='toggle' schedule='255'><span>Jeudi</span> <span>19 mars 2015</span></button>"
              "</nav><article schedule='254'><table><tr><td></td><td>Salle Bell</td><td>Salle Libéo</td></tr>"
              "<tr><td>8h30</td><td>Atomic Design<br>Brad Frost</td><td>Design web responsive<br>Ana Ruiz</td></tr>"
              "<tr><td>10h00</td><td>Pause café</td><td></td></tr></table></article>"
              "<article schedule='255'><p>Chargement…</p></article>")
    assert {s.slot.day for s in p.sessions} == {"2015-03-18"}


def test_a_page_that_writes_the_speaker_before_the_title_is_read_so_throughout() -> None:
    talks = [("Regency A", "Jerilyn Edginton", "Value Stream Mapping for Innovation"),
             ("Regency B", "Susan Lin", "Sustaining Agility After the Consultants Leave"),
             ("Regency C", "Bill Fairfield", "What Happened To My Agile"),
             ("Regency A", "Zach Bonaker", "A Visual Technique to Assist Transformation"),
             ("Regency B", "Rosemary Missier", "Ten Things Learned in Ten Years"),
             ("Regency C", "Gino Marckx", "Building Powerful Roadmaps"),  # a title that reads like a name
             ("Regency A", 'Jeff "Cheesy" Morgan', "Teaching Agile to the Whole Company"),
             ("Regency B", "Susan Lin", "Coaching Teams Through Change"),
             ("Regency C", "Bill Fairfield", "Scaling Without Frameworks")]
    rows = [f"<div class='row'><h4>{room}</h4><h4>{name}</h4><h5>{title}</h5><p>Read more…</p></div>"
            for room, name, title in talks]
    slots = "".join(f"<div class='time'>{time}</div>{''.join(rows[i * 3:i * 3 + 3])}"
                    for i, time in enumerate(["10:30 - 11:15", "13:00 - 13:45", "14:00 - 14:45"]))
    p = parse(f"<h3>Monday March 26, 2018</h3>{slots}")
    for room, name, title in talks:
        session = find(p, title)
        assert names(session) == [name]
        assert session.room is not None and session.room.name == room


def test_a_kind_of_line_that_lists_people_with_commas_does_so_throughout() -> None:
    cards = [("1 ‐ Retour d'expérience sur uMap", "Frédéric GUIMIER"),
             ("2 ‐ Utiliser le Plan Corps de Rue Simplifié", "François Lacombe"),
             ("3 ‐ Utilisation d'OpenStreetMap en région", "Tony EMERY, Milan NUBLAT"),
             ("4 ‐ Les pompiers aiment encore OSM", "Nicolas Moyroud"),
             ("5 ‐ Acteurs publics, regroupons nous !", "Xavier DURANG, Tony EMERY, Jean-Louis ZIMMERMANN")]
    html = "".join(f"<div class='card'><h4>{title}</h4><h5 class='text-muted'>{people}</h5>"
                   f"<a href='#'>Voir la conférence</a></div>" for title, people in cards)
    p = parse(f"<h2>Conférences</h2><p>State of the Map France, 23 juin 2023</p>{html}")
    assert names(find(p, "3 ‐ Utilisation d'OpenStreetMap en région")) == ["Tony EMERY", "Milan NUBLAT"]


def test_name_comma_organisation_stays_one_person_elsewhere() -> None:
    p = parse("<h2>Friday 18 November 2016</h2><p>10:00 - 10:30 Mapping Lusaka</p>"
              "<p class='who'>Namitala Gertrude, OSM Zambia</p>"
              "<p>10:30 - 11:00 Response Mapping</p><p class='who'>Emily Eros, American Red Cross</p>"
              "<p>11:00 - 11:30 Open Data in Peace Corps</p><p class='who'>Courtney Clark, Peace Corps</p>")
    assert [(s.name, s.affiliation) for s in find(p, "Mapping Lusaka").speakers] == [("Namitala Gertrude",
                                                                                        "OSM Zambia")]


def fields(p: Programme) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(s.title, s.slot.day, s.slot.start, s.slot.end) for s in p.sessions]


def test_a_format_heading_with_its_times_after_it() -> None:
    p = parse("<h2>Tuesday 12 March 2024</h2><h3>Opening keynote</h3><p>Starts at 09:00</p><p>Ends at 10:00</p>"
              "<h3>Panel on open data</h3><p>Starts at 10:30</p><p>Ends at 12:00</p>")
    assert fields(p) == [("Opening keynote", "2024-03-12", "09:00", "10:00"),
                         ("Panel on open data", "2024-03-12", "10:30", "12:00")]


def test_whole_lines_in_parentheses() -> None:
    p = parse("<h2>Lundi 4 mars 2024</h2><ul><li>(09:00-09:30: Accueil)</li><li>(09:30-10:30: Conférence"
              " inaugurale)</li><li>(10:30-11:00: Pause)</li></ul>")
    assert [t for t, *_ in fields(p)] == ["Accueil", "Conférence inaugurale", "Pause"]


def test_lines_about_the_event_itself_are_no_sessions() -> None:
    p = parse("<p>June 28 & 29, 2018</p><h3>Thursday: 14:00 - 15:30</h3><p>Workshop on maps</p>"
              "<h3>Friday: 09:00 - 10:00</h3><p>Closing panel</p><p>Summer School 2018</p>")
    assert fields(p) == [("Workshop on maps", "2018-06-28", "14:00", "15:30"),
                         ("Closing panel", "2018-06-29", "09:00", "10:00")]


def test_untimed_lists_under_dated_days_are_a_programme() -> None:
    p = parse("<h2>Jour 1 — lundi 6 mai 2024</h2><ul><li>Les communs numériques</li><li>Cartographie participative"
              "</li><li>Données ouvertes et territoires</li></ul><h2>Jour 2 — mardi 7 mai 2024</h2>"
              "<ul><li>Atelier QGIS</li><li>Restitution des ateliers</li></ul>")
    assert [(t, d) for t, d, _, _ in fields(p)][-1] == ("Restitution des ateliers", "2024-05-07")
    assert len(p.sessions) == 5


def test_duration_columns_and_group_rows() -> None:
    p = parse("<table><tr><th>Duration</th><th>Session</th></tr><tr><td colspan=2>Wed 10:00</td></tr>"
              "<tr><td>0:55</td><td>Intro to Rust</td></tr><tr><td>2:00</td><td>Hands-on lab</td></tr></table>"
              "<p>Rust Days, 12 June 2024</p>")
    assert fields(p) == [("Intro to Rust", "2024-06-12", "10:00", "10:55"),
                         ("Hands-on lab", "2024-06-12", "10:55", "12:55")]
    p = parse("<table><tr><th>Start</th><th>Duration</th><th>Title</th></tr><tr><td>10:00</td><td>45 min</td>"
              "<td>Opening</td></tr><tr><td>10:45</td><td>1:15</td><td>Panel</td></tr></table>")
    assert [(t, s, e) for t, _, s, e in fields(p)] == [("Opening", "10:00", "10:45"), ("Panel", "10:45", "12:00")]


def test_a_header_naming_speaker_and_title_in_one_column() -> None:
    p = parse("<table><tr><th>Time</th><th>Type</th><th>Speaker - Title</th><th>Details</th></tr>"
              "<tr><td>10:00</td><td>Talk</td><td>Ana Ruiz - Open maps for all</td><td>Room 1</td></tr>"
              "<tr><td>11:00</td><td>Workshop</td><td>Bo Ma - Hands on with QGIS</td><td>Room 2</td></tr></table>")
    talk = find(p, "Open maps for all")
    assert (talk.format, names(talk), talk.room.name if talk.room else None) == ("Talk", ["Ana Ruiz"], "Room 1")


def test_weekday_and_number_columns_dated_by_the_month_named() -> None:
    p = parse("<p>Conference, March 2024</p><table><tr><th>Time</th><th>Monday 25</th><th>Tuesday 26</th></tr>"
              "<tr><td>9:00</td><td>Opening</td><td>Keynote B</td></tr></table>")
    assert find(p, "Keynote B").slot.day == "2024-03-26"


def test_people_written_after_the_title_line() -> None:
    p = parse("<h2>Monday 3 June 2024</h2><p>10:00 - 11:00 Mapping workshop</p>"
              "<p>Session led by Ana Ruiz and Bo Ma, OpenStreetMap France</p>"
              "<p>11:00 Keynote: Open data</p><p>Ana Ruiz (Inria)</p><p>and Paul Côté (CNRS)</p>"
              "<p>12:00 Lunch</p><p>Tous</p>")
    assert [(s.name, s.affiliation) for s in find(p, "Mapping workshop").speakers] == [
        ("Ana Ruiz", "OpenStreetMap France"), ("Bo Ma", "OpenStreetMap France")]
    assert [(s.name, s.affiliation) for s in find(p, "Open data").speakers] == [("Ana Ruiz", "Inria"),
                                                                                ("Paul Côté", "CNRS")]
    assert [s.title for s in p.sessions] == ["Mapping workshop", "Open data", "Lunch"]


def test_a_room_code_before_the_title() -> None:
    p = parse("<h2>Monday 3 June 2024</h2><p>09:00-10:00, B42 Opening of the meeting</p>"
              "<p>10:00-11:00, A-1510 Data session</p>")
    assert [(s.title, s.room.name if s.room else None) for s in p.sessions] == [
        ("Opening of the meeting", "B42"), ("Data session", "A-1510")]


def test_people_after_the_title() -> None:
    p = parse("<h2>Monday 6 May 2024</h2><p>9:00 Open maps for all | Ana Ruiz</p><p>10:00 Data pipelines (Bo Ma)</p>"
              "<p>11:00 Fireside chat featuring Lea Roy</p><p>12:00 Paul Côté (CNRS): Data commons</p>")
    assert [(s.title, names(s)) for s in p.sessions] == [
        ("Open maps for all", ["Ana Ruiz"]), ("Data pipelines", ["Bo Ma"]), ("Fireside chat", ["Lea Roy"]),
        ("Data commons", ["Paul Côté"])]


def test_half_days_icons_and_sample_outlines_are_no_sessions() -> None:
    p = parse("<h2>A typical day</h2><p>9:00 Morning session</p><p>12:00 Lunch</p>"
              "<h2>Programme — Monday 6 May 2024</h2><h3>Morning</h3><ul><li>Opening remarks</li>"
              "<li>Keynote on maps</li></ul><p>arrow_forward</p><h3>Afternoon</h3><ul><li>Hands-on QGIS</li></ul>")
    assert [s.title for s in p.sessions] == ["Opening remarks", "Keynote on maps", "Hands-on QGIS"]


def test_links_beside_a_line_are_not_its_text() -> None:
    p = parse("<h2>Monday 2 July 2018</h2><ul><li>14:15 - 14:50: Debian security - (slides)</li>"
              "<li>by Yves Perez (Debian security team) - (slides: .pdf/remark)</li>"
              "<li>14:50 - 15:25: Static instrumentation [video] [pdf]</li><li>by Romain Thomas (Quarkslab)</li></ul>")
    assert [(s.title, [(x.name, x.affiliation) for x in s.speakers]) for s in p.sessions] == [
        ("Debian security", [("Yves Perez", "Debian security team")]),
        ("Static instrumentation", [("Romain Thomas", "Quarkslab")])]


def test_a_section_telling_the_programme_again_adds_no_sessions() -> None:
    talks = [("Bandit: Python application security auditing with Bandit", "Mickael Scherer"),
             ("USB armory: the open source secure computer", "Andrea Barisani"),
             ("Qubes OS: Improving client systems security with Qubes OS", "Marek Gorecki")]
    programme = "".join(f"<li>1{i}:00-1{i}:40 : <b>{t}</b><br/>by {n} (Dev)</li>" for i, (t, n) in enumerate(talks))
    retold = ("<h3>Python application security auditing with bandit</h3><p>Mickael Scherer</p>"
              "<ul><li>Compiler detection</li><li>Packer detection</li></ul>"
              "<h3>USB armory: the open source secure computer</h3><p>Andrea Barisani</p>"
              "<p>An abstract of the talk, long enough to read as one, about secure hardware for everyone.</p>"
              "<h3>Improving client systems security with Qubes OS</h3><p>Marek Gorecki</p>"
              "<ul><li>Duration: 2h30</li><li>Requirements for the workshop</li></ul>")
    p = parse(f"<h2>Lundi 4 juillet 2016</h2><ul>{programme}</ul><h2>Talks List</h2>{retold}")
    assert [s.title for s in p.sessions] == [t for t, _ in talks]
    usb = find(p, "USB armory: the open source secure computer")
    assert usb.slot.start == "11:00" and usb.description is not None


def test_a_column_naming_each_session_kind_is_its_format() -> None:
    rows = "".join(f"<tr><td>{t}</td><td>{k}<br/>(video / live Q&amp;A)</td><td>{title}<br/>({people})</td></tr>"
                   for t, k, title, people in [
                       ("14:10", "3DOR Full Paper", "A survey of LIDAR methods", "Ana Ruiz, Bo Ma, Lea Roy"),
                       ("14:30", "3DOR Full Paper", "Sketch datasets for CAD", "Paul Côté, Ida Berg"),
                       ("14:50", "SHREC Short Paper", "Protein surfaces", "Omar Haddad")])
    p = parse("<h2>Thursday, September 2nd, 2021</h2><table><tr><td>13:00</td><td>Workshop opening<br/>(live)</td>"
              f"<td>(Chairs)</td></tr>{rows}<tr><td>15:10</td><td>Break</td><td></td></tr></table>")
    assert [(s.title, s.format, names(s)) for s in p.sessions] == [
        ("Workshop opening", "Workshop opening", []),
        ("A survey of LIDAR methods", "3DOR Full Paper", ["Ana Ruiz", "Bo Ma", "Lea Roy"]),
        ("Sketch datasets for CAD", "3DOR Full Paper", ["Paul Côté", "Ida Berg"]),
        ("Protein surfaces", "SHREC Short Paper", ["Omar Haddad"]), ("Break", "Break", [])]


def test_a_row_under_a_talk_giving_its_speaker_and_abstract() -> None:
    p = parse("<h1>DISCAN 2018</h1><p>September 26-27, 2018</p><h4>September 26th - Day 1</h4><table>"
              "<tr><td>11:00-11:30</td><td>Sharing knowledge without sharing data</td></tr>"
              "<tr><td></td><td>Azer Bestavros: Boston University, USA<br/>Abstract: A common misconception is "
              "that data sharing is a prerequisite.</td></tr>"
              "<tr><td>11:30-12:00</td><td>Hopsworks demo</td></tr><tr><td></td><td>Jim Dowling, Logical Clocks, Sweden"
              "</td></tr><tr><td>12:00-13:30</td><td>Lunch</td></tr></table>")
    assert [(s.title, s.slot.day, [(x.name, x.affiliation) for x in s.speakers]) for s in p.sessions] == [
        ("Sharing knowledge without sharing data", "2018-09-26", [("Azer Bestavros", "Boston University, USA")]),
        ("Hopsworks demo", "2018-09-26", [("Jim Dowling", "Logical Clocks, Sweden")]),
        ("Lunch", "2018-09-26", [])]


def test_the_programme_heading_is_no_session() -> None:
    p = parse("<h2>Workshop programme</h2><h3>Programme des conférences</h3><h3>Lundi 3 juin 2024</h3>"
              "<p>9h00 Accueil</p><p>9h30 Google Earth : La synergie géospatiale au service des entreprises</p>")
    assert [s.title for s in p.sessions] == ["Accueil",
                                             "Google Earth : La synergie géospatiale au service des entreprises"]


def test_a_day_programme_heading_and_its_details_after_the_last_day() -> None:
    talks = [("10h00", "Statics et Django : quand collectstatic ne suffit plus", "Raphaël Barrois"),
             ("10h25", "Comment utiliser Jinja 2 avec Django aujourd'hui ?", "Aymeric Augustin"),
             ("10h50", "Déploiement continu avec Travis et OpenShift", "James Pic"),
             ("11h20", "Performances de Django REST framework", "Xavier Ordoquy")]
    rows = "".join(f"<tr><td>{t}</td><td>{title}</td></tr>" for t, title, _ in talks)
    details = "".join(f"<h2>{t} - {title}</h2><p>Qu'est-ce que ce sujet veut dire pour nous ? Pourquoi en "
                      f"avons-nous besoin ? Comment le faire ?</p><p>Par {name} (@handle)</p>"
                      "<p>Core développeur, CTO chez Amalfi</p>" for t, title, name in talks)
    p = parse("<p>Rencontres, 21 et 22 mai 2016</p><h2>Programme du Samedi</h2><table><tr><th>Horaire</th>"
              f"<th>Titre</th></tr>{rows}<tr><td>16h00</td><td>Sessions de Barcamps jusqu'à 18h30</td></tr></table>"
              "<h2>Programme du dimanche</h2><table><tr><th>Horaire</th><th>Titre</th></tr><tr><td>11h30</td>"
              f"<td>Brunch</td></tr></table>{details}")
    assert [(s.title, s.slot.day, s.slot.start, s.slot.end, names(s)) for s in p.sessions] == [
        (talks[0][1], "2016-05-21", "10:00", None, ["Raphaël Barrois"]),
        (talks[1][1], "2016-05-21", "10:25", None, ["Aymeric Augustin"]),
        (talks[2][1], "2016-05-21", "10:50", None, ["James Pic"]),
        (talks[3][1], "2016-05-21", "11:20", None, ["Xavier Ordoquy"]),
        ("Sessions de Barcamps", "2016-05-21", "16:00", "18:30", []), ("Brunch", "2016-05-22", "11:30", None, [])]


def test_cards_with_a_badge_before_their_people_and_start_end_lines() -> None:
    card = ("<div class='badge'>Papers</div><div>Starts at 11:20</div><div>Ends at 12:30</div>"
            "<h4>Session 2a: Robots</h4>"
            "<div>Chaired by Liz Dowthwaite</div><ol><li><b>Trustworthy swarms</b></li>"
            "<li><span class='badge'>Paper</span> James Wilson, Pete Winter and Suet Lee</li>"
            "<li><b>Robot encounters in the wild</b></li>"
            "<li><span class='badge'>Paper</span> Elliott Hauser and Yao Chan</li></ol>"
            "<div>~~~ afternoon pause ~~~</div>")
    p = parse(f"<h1>TAS '23 programme</h1><h3>11th July</h3>{card}")
    assert [(s.title, s.slot.day, s.slot.end, s.format, names(s)) for s in p.sessions] == [
        ("Session 2a: Robots", "2023-07-11", "12:30", None, []),
        ("Trustworthy swarms", "2023-07-11", "12:30", "Paper", ["James Wilson", "Pete Winter", "Suet Lee"]),
        ("Robot encounters in the wild", "2023-07-11", "12:30", "Paper", ["Elliott Hauser", "Yao Chan"]),
        ("afternoon pause", "2023-07-11", "12:30", "afternoon pause", [])]
    assert [(x.name, x.role) for x in p.sessions[0].speakers] == [("Liz Dowthwaite", "chair")]


def test_group_rows_over_their_time_rows_and_an_abstract_column() -> None:
    def row(*cells: str) -> str:
        return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
    abstract = "How should we reason about the effects of interventions in social media? We study several of them."
    p = parse("<h1>Networked Experiments 2024</h1><p>17-19 July, King’s College London</p>"
              "<h2>Wednesday 17 July 2024</h2><table>"
              + row("Registration and coffee", "", "", "", "") + row("10:30 - 10:55", "", "", "", "")
              + row("Welcome", "", "", "", "") + row("10.55 - 11.00", "Vasiliki Koutra", "KCL", "", "")
              + row("Keynote 1 (Chair: Vasiliki Koutra)", "", "", "", "")
              + row("11:00 - 12.00", "Dean Eckles", "MIT", "Learning from randomized interventions", abstract)
              + row("Lunch", "", "", "", "") + row("12:00 - 13:30", "", "", "", "")
              + row("Invited session 1 (Chair: Werner Müller)", "", "", "", "")
              + row("15:00 - 15:40", "Alessio Zanga", "University of Milano", "Federated causal discovery", abstract)
              + row("15:40 - 16:20", "Kirsten Schorning", "TU Dortmund", "Optimal designs for networks", abstract)
              + "</table><p>11:25−11:40 Pause</p>")
    assert [(s.title, s.slot.start, s.slot.end, s.format, [(x.name, x.role) for x in s.speakers])
            for s in p.sessions] == [
        ("Registration and coffee", "10:30", "10:55", "Registration and coffee", []),
        ("Welcome", "10:55", "11:00", "Welcome", [("Vasiliki Koutra", None)]),
        ("Learning from randomized interventions", "11:00", "12:00", "Keynote",
         [("Dean Eckles", None), ("Vasiliki Koutra", "chair")]),
        ("Lunch", "12:00", "13:30", "Lunch", []),
        ("Invited session 1", None, None, None, [("Werner Müller", "chair")]),
        ("Federated causal discovery", "15:00", "15:40", None, [("Alessio Zanga", None)]),
        ("Optimal designs for networks", "15:40", "16:20", None, [("Kirsten Schorning", None)]),
        ("Pause", "11:25", "11:40", "Pause", [])]
    assert find(p, "Optimal designs for networks").description is not None


def test_people_with_their_organisation_after_the_title() -> None:
    p = parse("<h2>Lundi 27 août 2018</h2><ul><li>9h30 Hacker l'école par François Élie (Adullact, France)</li>"
              "<li>9h45 Debugging autonomous agents (Oleksandr Zaitsev, Cirad)</li>"
              "<li>10h00 Avec 123 codez par Mathieu Hirtzig (Class'Code, France) et Marie Duflot (Université de "
              "Lorraine, France)</li></ul>")
    assert [(s.title, [(x.name, x.affiliation) for x in s.speakers]) for s in p.sessions] == [
        ("Hacker l'école", [("François Élie", "Adullact, France")]),
        ("Debugging autonomous agents", [("Oleksandr Zaitsev", "Cirad")]),
        ("Avec 123 codez", [("Mathieu Hirtzig", "Class'Code, France"),
                            ("Marie Duflot", "Université de Lorraine, France")])]


def test_a_programme_given_twice_desktop_and_mobile_comes_out_once() -> None:
    rows = ("<tr><td>9:30</td><td>Registration</td></tr>"
            "<tr><td>10:00</td><td>Welcome by Ana Ruiz, The GovLab</td></tr><tr><td>13:15</td><td>Lunch</td></tr>"
            "<tr><td>14:15</td><td>Session 1. Economics of Blockchain and Smart Contract</td></tr>")
    mobile = "<p>9:30</p><p>Registration</p><p>10:00</p><p>Welcome by Ana Ruiz, The GovLab</p><p>13:15</p><p>Lunch</p>"
    p = parse(f"<h2>Tuesday 25 September 2018</h2><table>{rows}</table><div>{mobile}</div>")
    assert [(s.title, s.slot.start, [(x.name, x.affiliation) for x in s.speakers]) for s in p.sessions] == [
        ("Registration", "09:30", []), ("Welcome", "10:00", [("Ana Ruiz", "The GovLab")]), ("Lunch", "13:15", []),
        ("Session 1. Economics of Blockchain and Smart Contract", "14:15", [])]


def test_links_addresses_and_introductions_are_no_sessions() -> None:
    p = parse("<h2>Thursday 13 December 2018</h2><p>Marriott Marquis, Suite B, 780 Mission St, San Francisco</p>"
              "<p>Voici le programme de la journée :</p><p>Les vidéos : https://example.org/channels/2016</p>"
              "<p>9:00 Opening remarks</p><p>9:15 Rump session</p><p>by YOU</p>")
    assert [(s.title, names(s)) for s in p.sessions] == [("Opening remarks", []), ("Rump session", [])]


def test_a_keynote_title_that_reads_like_a_name_then_its_speaker() -> None:
    p = parse("<h2>Lundi 4 juillet 2016</h2><ul><li>14:00-14:40 : KEYNOTE: Connecting Communities<br/>"
              "by Ange Albertini (Corkami)</li><li>14:40-15:20 : USB armory<br/>"
              "by Andrea Barisani (Inverse Path)</li></ul>")
    assert [(s.title, s.format, [(x.name, x.affiliation) for x in s.speakers]) for s in p.sessions] == [
        ("Connecting Communities", "KEYNOTE", [("Ange Albertini", "Corkami")]),
        ("USB armory", None, [("Andrea Barisani", "Inverse Path")])]


def test_a_card_badge_before_the_title_is_the_format() -> None:
    cards = "".join(
        f"<div class='card'><div class='top'><span>{t}</span><span>{badge}</span></div>"
        f"<div class='session-title'>{title}</div><div class='avatar'>AR</div><p>Ana Ruiz, Acme</p></div>"
        for t, badge, title in [("9:00", "Cérémonie", "Cérémonie d'ouverture"),
                                ("9:30", "Conférence", "Le nuage souverain"),
                                ("10:30", "Atelier", "Terraform en pratique")])
    p = parse(f"<h2>Programme</h2>{cards}")
    talk = find(p, "Le nuage souverain")
    assert talk.format == "Conférence" and talk.slot.start == "09:30"
    assert names(talk) == ["Ana Ruiz"]
    assert find(p, "Terraform en pratique").format == "Atelier"
    assert len(p.sessions) == 3


def test_a_heading_and_a_paragraph_on_a_timetable_are_prose() -> None:
    rows = "".join(f"<h3>{h}:00 Talk number {h}</h3><p>Ana Ruiz, Acme</p>" for h in range(9, 15))
    p = parse("<h3>Mask policy</h3><p>Masks are welcome in every room of the venue, all day long.</p>"
              f"{rows}<h3>Get in touch</h3><p>Email us at</p><p>team@example.org</p><p>+47 98 04 24 06</p>")
    assert [s.title for s in p.sessions] == [f"Talk number {h}" for h in range(9, 15)]
    assert any("heading and a paragraph" in w.reason for w in p.warnings)


def test_names_read_as_titles_go_back_to_being_people() -> None:
    p = parse("<table><tr><th>Time</th><th>Track One</th><th>Track Two</th></tr>"
              "<tr><td>10:30</td><td><p>Aaron Rosenmund</p><p>Modernizing Security Operations</p></td>"
              "<td><p>Security Pitfalls of OAuth</p><p>Nawwar Kabbani</p></td></tr>"
              "<tr><td>11:30</td><td><p>Blockchain Matters</p><p>Alex Stanford</p></td>"
              "<td><p>Landing Your First Job</p><p>Ed Spencer</p></td></tr></table>"
              "<p>14:00 Voice Assistants and Older People</p><p>Sergio Sayago, Barbara Barbosa, Ana Ruiz,</p>"
              "<p>Benjamin R. Cowan</p><p>14:30 Coffee Break</p>")
    talk = find(p, "Modernizing Security Operations")
    assert names(talk) == ["Aaron Rosenmund"]
    assert names(find(p, "Blockchain Matters")) == ["Alex Stanford"]
    assert names(find(p, "Voice Assistants and Older People")) == ["Sergio Sayago", "Barbara Barbosa", "Ana Ruiz",
                                                                    "Benjamin R. Cowan"]
    assert len(p.sessions) == 6


def test_a_bare_numbered_band_over_sessions_in_rooms_is_no_session() -> None:
    band = ("<h2>Monday 20 May 2024</h2><h3>Session 1: 9:00 - 10:30am</h3>"
            "<h4>Panel A: Building Games, Reed 114</h4><p>Chair: Mel Cohen</p>"
            "<h4>Panel B: Digital Communities, Reed 120</h4><p>Chair: Jo Hunt</p>")
    p = parse(band)
    assert [s.title for s in p.sessions] == ["Panel A: Building Games", "Panel B: Digital Communities"]
    talks = parse("<h2>Monday 20 May 2024</h2><h3>Session 1: 9:00 - 10:30am</h3>"
                  "<p>Opening Remarks</p><p>Towards Minimal Data</p><p>Ana Ruiz, Bo Ma and Li Wei</p>")
    assert talks.sessions[0].title == "Session 1"  # a block over talks in no room of their own stays


def test_an_organisation_line_after_a_list_of_people_is_their_affiliation() -> None:
    # The pass over a page's drafts, given the drafts a reading of such a poster list leaves.
    from extractor.models import Slot
    from extractor.parse.draft import Draft
    from extractor.parse.evidence import named_people
    from extractor.parse.speakers import parse_speaker

    slot = Slot(day="2013-11-06", start="15:00", end="16:20", raw="15:00 - 16:20")
    talk = Draft(title="Identifying Vocal Expressions", slot=slot, format=None, block=None,
                 speakers=[parse_speaker(n) for n in ("Sai Miryala", "Kalika Bali", "Ranjita Bhagwan")])
    org = Draft(title="University of Southampton, UK", slot=slot, format=None, block=None)
    other = Draft(title="A Game For Music", slot=slot, format=None, block=None, speakers=[parse_speaker("Jan Balen")])
    drafts = named_people([talk, org, other])
    assert [d.title for d in drafts] == ["Identifying Vocal Expressions", "A Game For Music"]
    assert [s.affiliation for s in drafts[0].speakers] == ["University of Southampton, UK"] * 3


def test_by_inside_a_title_in_title_case_is_part_of_the_title() -> None:
    p = parse("<h3>10:00 Finding Missed Compiler Optimizations by Differential Testing</h3><p>Gergö Barany</p>"
              "<h3>10:30 Improving Auto-tagging by Modeling Semantic Co-occurrences</h3><p>Riccardo Miotto</p>"
              "<h3>11:00 Some Optimization Challenges of Virtualized Networks by Nancy Perrot</h3>")
    assert names(find(p, "Finding Missed Compiler Optimizations by Differential Testing")) == ["Gergö Barany"]
    assert names(find(p, "Improving Auto-tagging by Modeling Semantic Co-occurrences")) == ["Riccardo Miotto"]
    assert names(find(p, "Some Optimization Challenges of Virtualized Networks")) == ["Nancy Perrot"]


def test_a_duration_after_a_title_is_its_end_not_its_name() -> None:
    p = parse("<p>11h00 Pause café (10 min)</p><p>11h10 Les tests de mutation</p><p>Léa Roy</p>")
    pause = p.sessions[0]
    assert (pause.title, pause.slot.start, pause.slot.end) == ("Pause café", "11:00", "11:10")


def test_a_heading_over_a_speakers_biography_is_no_session() -> None:
    p = parse("<h2>Opening Keynote</h2><h3>Flow</h3><p>with Ryan Lockard</p><p>How teams find their flow.</p>"
              "<h3>About Ryan</h3><p>Ryan has coached teams for twenty years.</p>"
              "<h2>Programme</h2><p>10:15 Break</p><h3>À propos de Léa Roy</h3><p>Léa enseigne à Lyon.</p>")
    assert "About Ryan" not in [s.title for s in p.sessions]
    assert "À propos de Léa Roy" not in [s.title for s in p.sessions]


def test_a_block_number_then_a_dash_and_its_name_is_no_speaker() -> None:
    p = parse("<ul><li>14:00-15:30 Session 3 — <strong>Teaching DevOps</strong></li><li>15:30-16:00 coffee</li></ul>")
    block = p.sessions[0]
    assert block.title == "Session 3 — Teaching DevOps" and block.speakers == []


def test_formats_in_a_tag_after_the_title_or_in_brackets_after_it() -> None:
    p = parse("<div class=s><span class=time>10:00</span><h4>Open data</h4><span class=tag>Talk</span>"
              "<p>Ana Ruiz</p></div><div class=s><span class=time>11:00</span><h4>Open maps</h4>"
              "<span class=tag>Workshop</span><p>Bo Ma</p></div>"
              "<p>12:00 Open source [Talk]</p><p>13:00 Lunch (Packed Lunch)</p><p>14:00 Mapping (Workshop)</p>")
    assert [(s.format, s.title) for s in p.sessions] == [
        ("Talk", "Open data"), ("Workshop", "Open maps"), ("Talk", "Open source"),
        (None, "Lunch (Packed Lunch)"), ("Workshop", "Mapping")]
    assert names(p.sessions[1]) == ["Bo Ma"]


def test_people_introduced_by_avec_after_a_moderator_are_speakers() -> None:
    p = parse("<p>10h30 Conférence inaugurale : Les communs</p><p>Modération : Paul Côté</p>"
              "<p>Avec Léa Roy (UQAM) et Jean Dupuis (Inria)</p><p>12h Déjeuner</p>")
    talk = find(p, "Les communs")
    assert talk.format == "Conférence inaugurale"
    assert [(s.name, s.affiliation, s.role) for s in talk.speakers] == [
        ("Paul Côté", None, "modération"), ("Léa Roy", "UQAM", None), ("Jean Dupuis", "Inria", None)]


def test_a_list_nested_in_a_timed_item_lists_its_parts() -> None:
    p = parse("<ul><li>14:00-15:30 Session 3 — <strong>Teaching DevOps</strong><ul>"
              "<li>Short presentations from people teaching DevOps.</li>"
              "<li>Open discussion on DevOps teaching directions and issues.</li></ul></li>"
              "<li>15:30-16:00 coffee</li></ul>")
    assert [s.title for s in p.sessions] == [
        "Session 3 — Teaching DevOps", "Short presentations from people teaching DevOps.",
        "Open discussion on DevOps teaching directions and issues.", "coffee"]


def test_people_after_a_comma_with_their_institution_and_the_day_in_the_page_title() -> None:
    p = parse("<h1>Journée d'étude — 14 mars 2024</h1><ul><li>9h : accueil</li>"
              "<li>10h : Les communs numériques, Léa Roy (CNRS)</li>"
              "<li>11h : Cartes et territoires, Léa Roy (CNRS) et Paul Côté (Inria)</li>"
              "<li>12h : Paris, Lyon (France)</li></ul>")
    assert [(s.name, s.affiliation) for s in find(p, "Cartes et territoires").speakers] == [
        ("Léa Roy", "CNRS"), ("Paul Côté", "Inria")]
    assert names(find(p, "Les communs numériques")) == ["Léa Roy"]
    assert find(p, "Paris, Lyon (France)").speakers == []
    assert {s.slot.day for s in p.sessions} == {"2024-03-14"}


def test_a_slot_line_with_a_title_and_a_place_keeps_its_title() -> None:
    p = parse("<p>9h00 – 10h00 | Salle A | Les données</p><p>10h00 – 11h00 | Les cartes | Amphi B</p>"
              "<p>11:00 Open maps @ Room 101</p><p>12:00 Open data – Auditorium</p>"
              "<p>13:00 Maps in room B-2305</p><p>14:00 Closing</p>")
    got = [(s.title, s.room.name if s.room else None) for s in p.sessions]
    assert got == [("Les données", "Salle A"), ("Les cartes", "Amphi B"), ("Open maps", "Room 101"),
                   ("Open data", "Auditorium"), ("Maps", "room B-2305"), ("Closing", None)]


def test_speaker_first_lines_with_a_courtesy_title_an_institution_or_a_given_name() -> None:
    p = parse("<p>10h00 Mme Ana Ruiz, directrice, OSM France : Les cartes</p>"
              "<p>11h00 M. Bo Ma (Université Laval) — Les données</p><p>12:00 Ana Ruiz - Open maps</p>"
              "<p>13:00 Open Data: A Primer</p><p>14h00 Le repas</p>")
    assert names(find(p, "Les cartes")) == ["Ana Ruiz"]
    assert [(s.name, s.affiliation) for s in find(p, "Les données").speakers] == [("Bo Ma", "Université Laval")]
    assert names(find(p, "Open maps")) == ["Ana Ruiz"]
    assert find(p, "Open Data: A Primer").speakers == []


def test_a_labelled_speaker_then_an_organisation_led_by_an_acronym() -> None:
    p = parse("<p>10:00 Open maps</p><p>Speaker: Ana Ruiz, OSM France</p><p>11:00 « Open data », par Bo Ma</p>")
    assert [(s.name, s.affiliation) for s in find(p, "Open maps").speakers] == [("Ana Ruiz", "OSM France")]
    assert names(find(p, "« Open data »")) == ["Bo Ma"]


def test_a_card_whose_time_comes_after_its_people() -> None:
    p = parse("<h4>Open maps</h4><p><em>Ana Ruiz</em>, OSM France</p><p>10:00 - 11:00</p>"
              "<h4>Open data</h4><p><em>Bo Ma</em>, MIT</p><p>11:00 - 12:00</p>")
    assert [(s.title, s.slot.start) for s in p.sessions] == [("Open maps", "10:00"), ("Open data", "11:00")]


def test_duration_rows_under_a_weekday_code_and_time_run_side_by_side_in_rooms() -> None:
    grid = ("<table><tr><td>Durée</td><td>Lieu</td><td>Format</td><td>Titre</td><td>Speakers</td></tr>"
            "<tr><td colspan=5>Me 10:00</td></tr>"
            "<tr><td>2:00</td><td>Amphi A</td><td>Université</td><td>Kubernetes meublé</td><td>Aurélien Maury</td></tr>"
            "<tr><td>0:55</td><td>Amphi D</td><td>Conférence</td><td>Le web décentralisé</td>"
            "<td>Antoine Cailly</td></tr>"
            "<tr><td>0:55</td><td>Amphi D</td><td>Conférence</td><td>Du fer à souder</td><td>Xavier Moulet</td></tr>"
            "</table>")
    details = ("<h1>Détail</h1><h2>Me 10:00</h2><h3>Kubernetes meublé</h3>"
               "<div>[Amphi A]\n(2:00)<br><i>[Aurélien Maury Aymen Lamara]</i></div>"
               "<p>Kubernetes, c’est la plateforme de conteneurs que tout le monde déploie à la main.</p>")
    p = parse(grid + details)
    got = [(s.title, s.slot.start, s.slot.end) for s in p.sessions if s.title[:1] != "["]
    assert got[:3] == [("Kubernetes meublé", "10:00", "12:00"), ("Le web décentralisé", "10:00", "10:55"),
                       ("Du fer à souder", "10:55", "11:50")]
    assert not any(s.slot.start in ("02:00", "00:55") for s in p.sessions)  # "(2:00)" is a length


def test_cards_with_the_speaker_on_top_and_the_date_after_the_title() -> None:
    cards = "".join(
        f"<div class='card'><div class='card-image'><span class='card-title'>{who}</span></div>"
        f"<div class='card-content'><span class='card-title'>{title}</span>"
        f"<span class='card-subtitle'>Samedi 14 septembre de {start} à {end}</span><p>{about}</p></div></div>"
        for who, title, start, end, about in [
            ("Agate Berriot", "Tester son application", "9h30", "10h",
             "Comment utiliser Factory-Boy pour générer très facilement des données pour tester son application"),
            ("Jérémy Lecour", "Ansible pour les développeurs", "10h", "10h30",
             "On posera les concepts de base d'Ansible et on présentera différents cas d'usage possibles."),
            ("Anouk Hello", "Streaming XLSX from Django to JS", "11h", "11h30",
             "Comment envoyer un grand tableur au navigateur sans faire attendre la personne qui le demande.")])
    intro = ("Comme en 2011, au parc Longchamp, sur l'herbe, au soleil, longuement, avec les amis de la "
             "communauté Django venus de toute la France pour parler de leurs projets et se retrouver entre amis.")
    p = parse_bytes(f"<html><head><title>DjangoCong 2019</title></head><body><p>{intro}</p>{cards}</body></html>"
                    .encode(), "test.html")
    got = [(s.title, s.slot.day, s.slot.start, names(s)) for s in p.sessions]
    assert got == [("Tester son application", "2019-09-14", "09:30", ["Agate Berriot"]),
                   ("Ansible pour les développeurs", "2019-09-14", "10:00", ["Jérémy Lecour"]),
                   ("Streaming XLSX from Django to JS", "2019-09-14", "11:00", ["Anouk Hello"])]


def test_lines_with_nothing_of_their_own_below_the_last_timed_session_are_no_sessions() -> None:
    from extractor.models import Slot
    from extractor.parse.draft import Draft
    from extractor.parse.evidence import without_prose
    from extractor.parse.speakers import parse_speaker

    def draft(title: str, start: str | None = None, **more: object) -> Draft:
        return Draft(title=title, slot=Slot(day="2012-11-17", start=start), format=None, block=None,
                     under_date=True, **more)  # type: ignore[arg-type]

    talks = [draft(f"Conférence numéro {h}", f"{h:02d}:00", speakers=[parse_speaker("Léa Roy")]) for h in range(9, 14)]
    tail = [draft("bientôt 6 ans"), draft("Associations"), draft("Posters", speakers=[parse_speaker("Bo Ma")])]
    warnings: list[Warning] = []
    kept = without_prose([*talks, draft("Barcamp", "14:30"), *tail], warnings)
    assert [d.title for d in kept][-2:] == ["Barcamp", "Posters"]
    assert len(warnings) == 2


def test_a_summary_list_and_speaker_headings_inside_abstract_boxes() -> None:
    p = parse("<h2>Dimanche 29 septembre 2013</h2><ol class='summary'>"
              "<li><a href='#c1'>La refonte de Greenbureau - Goulwen Reboux</a></li>"
              "<li>REMPLACÉ : <a href='#l2'>Utiliser son propre dépôt git - Mathieu Agopian (LT)</a></li></ol>"
              "<ul class='talk'><li id='c1'><h4>La refonte de Greenbureau</h4><p class='abstract'>Retour sur la "
              "refonte d'un service de factures, pour traiter un million de comptes tous les mois.</p>"
              "<div class='resume'><h5>Goulwen Reboux - <a href='https://twitter.com/x'>@nautilebleu</a></h5>"
              "<p>J'ai un parcours centripète : en 15 ans je suis passé de l'infographie au backend.</p></div>"
              "</li></ul>")
    talk = find(p, "La refonte de Greenbureau")
    assert names(talk) == ["Goulwen Reboux"]
    assert all(s.format != "REMPLACÉ" for s in p.sessions)


def test_a_details_column_is_the_description_not_part_of_the_title() -> None:
    p = parse("<table><tr><th>Horaire</th><th>Activité</th><th>Détail</th></tr>"
              "<tr><td>9h30 – 10h00</td><td>☕ Accueil &amp; café</td><td>Accueil des participants, badges</td></tr>"
              "<tr><td>10h30 – 10h45</td><td>Introduction</td><td>Description à venir</td></tr></table>")
    first, second = p.sessions
    assert first.title == "Accueil & café" and first.description is not None
    assert first.description.text == "Accueil des participants, badges" and not first.description.provisional
    assert second.description is not None and second.description.provisional


def test_articles_giving_title_then_time_then_place_with_nested_parts() -> None:
    p = parse("<h1>Friday - 1 August 2014</h1><article><h3>Nonviolence in Action</h3><p class='time'>9:30-17:00</p>"
              "<p class='place'>Realschule</p><ul><li><h1>Preparation of Action</h1><p class='description'>"
              "Human carpet, street theater and support for fasting.</p><p class='time'>9:30-11:30</p>"
              "<p class='place'>Realschule</p></li><li><h1>Begin of Direct Action</h1>"
              "<p class='time'>11:45-17:00</p><p class='place'>Konstanzer Münster</p></li></ul></article>")
    got = [(s.title, s.slot.start, s.slot.end) for s in p.sessions]
    assert got == [("Nonviolence in Action", "09:30", "17:00"), ("Preparation of Action", "09:30", "11:30"),
                   ("Begin of Direct Action", "11:45", "17:00")]


def test_a_sure_name_then_a_colon_then_a_title_in_lower_case() -> None:
    p = parse("<h2>Friday</h2><p>14:20–14:40 Quentin Aristote: monotone weak distributive laws</p>"
              "<p>14:40–15:00 Open data: a primer for all</p>")
    assert names(find(p, "monotone weak distributive laws")) == ["Quentin Aristote"]
    assert find(p, "Open data: a primer for all").speakers == []


def test_a_numbered_keynote_and_its_speaker_then_the_title_in_a_cell() -> None:
    p = parse("<table><tr><th>Time</th><th>Session</th></tr><tr><td class='time'>09:10 – 10:10</td>"
              "<td><strong>Keynote 1 – Dr Seong-Lyun Kim (Yonsei University)</strong><br>"
              "<em>Hybrid Inference for Robot Manipulation</em></td></tr><tr><td class='time'>15:20 – 16:20</td>"
              "<td><strong>Keynote 3 – Prof. Andrew Zhang (UTS)</strong><br><em>Passive Sensing</em></td></tr></table>")
    assert [(s.format, s.title, names(s)) for s in p.sessions] == [
        ("Keynote", "Hybrid Inference for Robot Manipulation", ["Seong-Lyun Kim"]),
        ("Keynote", "Passive Sensing", ["Andrew Zhang"])]


def test_a_multi_day_event_dates_no_session_from_its_one_full_date() -> None:
    p = parse("<h1>DjangoCong</h1><p>Le 8, 9 et 10 mai 2015 à Clermont-Ferrand</p>"
              "<ol><li>Surveiller son application avec Sentry - Nicolas Dubois</li>"
              "<li>Passer de nose à py.test - Mathieu Agopian</li><li>Packager ses assets - Stéphane Angel</li></ol>")
    assert p.sessions and all(s.slot.day is None for s in p.sessions)


def test_a_caption_row_over_a_header_row_names_the_room_of_the_table() -> None:
    p = parse("<table><tr><th></th><th>Classroom 2</th><th></th></tr>"
              "<tr><th>Time</th><th>Talk</th><th>Speaker</th></tr>"
              "<tr><td>01:00 - 02:00</td><td>MySQL Fabric</td><td>Ronen Baram</td></tr>"
              "<tr><td>02:00 - 02:40</td><td>Using Scrapy at work</td><td>Juan Paolo Balbin and<br>"
              "Conrad Miguel Gozalo</td></tr></table>")
    talk = find(p, "Using Scrapy at work")
    assert names(talk) == ["Juan Paolo Balbin", "Conrad Miguel Gozalo"]
    assert talk.room is not None and talk.room.name == "Classroom 2"
    assert "Classroom 2" not in [s.title for s in p.sessions]


def test_a_role_and_an_organisation_in_the_parenthesis_after_a_name() -> None:
    p = parse("<p>17:20 Suricata and SELKS workshop</p><p>Éric Leblond (Suricata core developer, Stamus Networks)</p>"
              "<p>17:40 Introduction to Bro</p><p>Eva Szilagyi (CEO at Alzette Information Security)</p>")
    first, second = (find(p, t).speakers[0] for t in ("Suricata and SELKS workshop", "Introduction to Bro"))
    assert (first.titles, first.affiliation) == (["Suricata core developer"], "Stamus Networks")
    assert (second.titles, second.affiliation) == (["CEO"], "Alzette Information Security")


def test_a_heading_after_a_timed_list_item_is_nobodys_name() -> None:
    p = parse("<h2>lundi 2 juillet 2018</h2><ul><li>14:00 - 14:15: <strong>launching talk</strong></li></ul>"
              "<div><h3>Linux Distribution Security</h3></div><ul><li>14:15 - 14:50: <strong>Debian security "
              "team: behind the curtains</strong><br>by <strong>Yves-Alexis Perez</strong> (Debian)</li></ul>")
    assert find(p, "launching talk").speakers == []
    assert names(find(p, "Debian security team: behind the curtains")) == ["Yves-Alexis Perez"]


def test_a_courtesy_title_stop_ends_no_sentence() -> None:
    p = parse("<p>10:00 Session 1: Plenary: Prof. Sharon Strover</p><p>11:00 Discours d’ouverture. Léa Roy, "
              "directrice du musée</p>")
    assert p.sessions[0].title == "Session 1: Plenary: Prof. Sharon Strover"
    assert names(p.sessions[1]) == ["Léa Roy"]


def test_a_card_person_with_a_user_name_after_a_dash() -> None:
    cards = "".join(
        f"<div class='card'><div class='card-image'><span class='card-title'>{who}</span></div>"
        f"<div class='card-content'><span class='card-title'>{title}</span>"
        f"<span class='card-subtitle'>Samedi 9 juin 2018 - {start}-{end}</span></div></div>"
        for who, title, start, end in [("Martin De Wulf - madewulf", "Django contre la maladie du sommeil",
                                        "11h00", "11h30")])
    p = parse(f"<p>Les détails des présentations sont ci-dessous.</p>{cards}")
    assert names(find(p, "Django contre la maladie du sommeil")) == ["Martin De Wulf"]


def test_a_badge_before_the_time_and_title_of_a_card_is_its_format() -> None:
    cards = "".join(
        f"<li class='prg-row'><div class='prg-left'><span class='badge'>{badge}</span><div>Starts at {t}</div></div>"
        f"<div class='prg-body'><h4>{title}</h4><em>Chaired by Kate Devlin</em></div></li>"
        for badge, t, title in [("Plenary", "10:00", "Session 1: Charting a path"),
                                ("Papers", "11:30", "Session 2: Robot encounters")])
    p = parse(f"<h2>Tuesday 11 July 2023</h2><ul>{cards}</ul>")
    assert [(s.format, s.title) for s in p.sessions] == [("Plenary", "Session 1: Charting a path"),
                                                        ("Papers", "Session 2: Robot encounters")]


def test_a_name_then_a_job_then_an_organisation_is_one_person() -> None:
    p = parse("<p>12:00 - 12:30 Building scalable observability - <a href='https://x/'>Suraj Nath</a> Senior "
              "Software Engineer, Grafana Labs</p><p>12:30 Lunch</p>"
              "<div><p class='speaker-name'>Ana Ruiz</p><p class='speaker-title'>Lead Engineer</p></div>")
    speaker = find(p, "Building scalable observability").speakers
    assert [(s.name, s.affiliation) for s in speaker] == [("Suraj Nath", "Grafana Labs")]
    assert speaker[0].titles == ["Senior Software Engineer"]


def test_a_day_heading_with_a_dash_and_people_after_an_invisible_mark() -> None:
    p = parse("<h1>Friday - 1 August 2014</h1><p>9:30 Opening</p><h1>Saturday - 2 August</h1>"
              "<p>14:50 r2frida</p><p>by Ole Ravnås (Frida developer) and \u200eSergi Alvarez (r2 developer)</p>")
    talk = find(p, "r2frida")
    assert talk.slot.day == "2014-08-02" and names(talk) == ["Ole Ravnås", "Sergi Alvarez"]
    assert "Saturday - 2 August" not in [s.title for s in p.sessions]


def test_a_block_label_and_a_room_as_a_heading_give_the_room_below() -> None:
    p = parse("<h3>Track A — Room 204</h3><p>10:00 Open maps</p><p>11:00 Open data</p>"
              "<h3>Parcours 2 – Salle B-2305</h3><p>10h Les cartes</p>")
    assert [(s.title, s.room.name if s.room else None) for s in p.sessions] == [
        ("Open maps", "Room 204"), ("Open data", "Room 204"), ("Les cartes", "Salle B-2305")]


def test_an_organisation_then_the_person_speaking_for_it() -> None:
    p = parse("<p>9h30 Ouverture officielle</p><p>Université Paul Valéry : M. Patrick Gilli (président)</p>"
              "<p>Montpellier Méditerranée Métropole : Mme Chantal Marion (vice-présidente)</p><p>10h Les cartes</p>")
    opening = find(p, "Ouverture officielle")
    assert [(s.name, s.titles, s.affiliation) for s in opening.speakers] == [
        ("Patrick Gilli", ["président"], "Université Paul Valéry"),
        ("Chantal Marion", ["vice-présidente"], "Montpellier Méditerranée Métropole")]
