"""English vocabulary. Data only: extend freely, keep the words read lowercase (those written, from
WEEKDAY_NAMES and ALERTS to STATUS, are as people read them)."""

WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
            "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
            "sunday": 6, "sun": 6}
WEEKDAY_CODES = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # misspellings seen on real pages
    "feburary": 2, "febuary": 2, "janurary": 1, "agust": 8, "septmber": 9, "novmber": 11, "decmber": 12,
}
# How alerts write them (capitalised, unlike the look-up words): Monday first, January first.
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
# How alerts and changelogs name what changed about a speaker (diff's field names).
SPEAKER_FIELD_NAMES = {"name": "name", "credentials": "credentials", "titles": "job titles",
                       "affiliation": "affiliation", "role": "role"}
ROOM_WORDS = ["room", "hall", "great hall", "ballroom", "auditorium", "theatre", "theater", "amphitheatre",
              "amphitheater", "lecture hall", "conference room", "suite", "salon", "lounge", "atrium",
              "building", "studio", "foyer", "stage", "main stage", "track"]
# Room words that also open titles ("Building Powerful Roadmaps", "Stage Fright"): a room only with a
# number or a code after them ("Building 5", "Studio A", "Track 01").
CODED_ROOM_WORDS = ["building", "studio", "stage", "track", "suite", "lounge", "foyer"]
VENUE_WORDS = ["hall", "room", "court", "food court", "center", "centre", "campus", "building", "library", "dorms",
               "dorm", "residence", "lounge", "foyer", "atrium", "pavilion", "auditorium", "theatre", "theater",
               "ballroom", "chapel", "gym", "gymnasium", "cafeteria", "terrace", "garden", "lobby", "studio",
               "suite", "floor", "hotel", "museum", "stage", "village", "arena", "plaza",
               "courtyard", "restaurant", "brasserie", "commons", "salon", "annex", "wing", "amphitheatre",
               # online venues are rooms too
               "zoom", "teams", "webex", "gather town", "online", "virtual"]
# Small words a place's name may hold ("Hall of Fame"); any other makes a phrase ("Code at the Center").
PLACE_LINKS = ["of", "and"]
# Venue words no surname shares: a name ending in one is a place ("Bourbon Auditorium").
STRONG_VENUE_WORDS = ["auditorium", "ballroom", "amphitheatre", "amphitheater", "theatre", "theater", "lounge",
                      "foyer", "atrium", "lobby", "café", "cafe", "cafeteria", "terrace", "room", "pavilion",
                      "gymnasium", "chapel", "plaza", "arena", "courtyard", "cafe bar"]
ROOM_LABELS = ["room", "location", "venue", "where", "place"]
ROOM_PROVISIONAL = ["room tba", "room tbd", "room tbc", "room to be announced", "room to be confirmed",
                    "room to be determined", "location tba", "location tbd", "location tbc",
                    "location to be announced", "venue tba", "venue tbd", "tba", "tbd", "tbc", "to be announced",
                    "to be confirmed", "to be determined", "room pending", "location pending", "venue tbc",
                    "venue to be confirmed", "venue to be announced"]
DESCRIPTION_LABELS = ["description", "abstract", "summary", "overview", "synopsis"]
DESCRIPTION_PROVISIONAL = ["tentative description", "provisional description", "provisional abstract",
                           "tentative abstract", "preliminary description", "preliminary abstract",
                           "description tba", "description tbd", "abstract tba", "abstract tbd",
                           "description to come", "abstract to come", "description coming soon",
                           "abstract coming soon"]
FORMATS = ["keynote", "keynotes", "opening keynote", "closing keynote", "keynote address", "panel",
           "panel discussion", "workshop", "workshops", "case studies", "case study", "break",
           "coffee break", "lunch", "lunch break", "networking lunch", "breakfast", "reception",
           "welcome", "welcome remarks", "opening remarks", "closing remarks", "registration",
           "plenary", "plenary session", "talk", "talks", "lightning talks", "poster session", "posters",
           "tutorial", "fireside chat", "roundtable", "round table", "q&a", "networking", "happy hour",
           "awards", "awards ceremony", "breakout sessions", "concurrent sessions", "session", "sessions",
           "parallel sessions", "breakouts", "breakout", "invited talk",
           "keynote talk", "annual general meeting", "closing", "opening", "dinner", "social event",
           "coffee", "morning break", "afternoon break", "poster session and reception", "position paper",
           "invited speaker", "keynote speaker", "paper session", "short paper", "long paper", "demo", "demos",
           "signing", "conference", "lecture", "seminar", "masterclass", "screening", "performance",
           "lightning", "lightning talk", "hands-on", "hands-on lab", "quickie", "tools in action", "deep dive",
           "keynote speech", "invited speech", "invited lecture", "plenary talk", "plenary lecture", "paper",
           "papers", "full paper", "full papers", "short papers", "long papers", "demo paper", "extended abstract",
           "opening talk", "closing talk", "panel session", "discussion", "open discussion", "hackathon", "meetup",
           "bof", "birds of a feather", "unconference", "presentation", "invited presentation", "demo session",
           "lt"]
# Verbs that follow a person's name at the start of a biography ("Anna works as…"), and the pronouns
# that open one ("She is…").
BIO_VERBS = ["works", "worked", "leads", "joined", "holds", "teaches", "helps", "loves", "lives", "founded"]
BIO_COPULAS = ["is", "was", "has"]  # "Python is fun" is a title: only after a full name
PRONOUNS = ["he", "she", "they", "his", "her", "their", "i", "i'm", "i’m", "i’ve", "i've"]
# Who a page names where a person would stand, and who is no one in particular: never a speaker.
NOBODY = ["could be you", "this could be you", "you", "anyone", "absolutely anyone", "anybody", "tba", "tbd",
          "tbc", "to be announced", "to be confirmed",
          "speaker tba", "speaker tbd", "speakers tba", "speaker to be announced", "all", "everyone", "everybody",
          "all participants", "all attendees", "organisers", "organizers", "the organisers", "the organizers",
          "organising committee", "organizing committee", "staff", "volunteers"]
# Parts of the day that head the sessions under them ("Morning"): a section, not a session.
# Kinds of street in a postal address ("780 Mission St", "12 rue de la Paix"): an address is no session.
STREET_WORDS = ["street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "square"]
# Words numbering the days of an event: "September 26th - Day 1".
DAY_WORDS = ["day"]
HALF_DAYS = ["morning", "afternoon", "evening", "morning session", "afternoon session", "evening session",
             "morning sessions", "afternoon sessions"]
# Headings of a sample outline, not of the programme: its times describe no real session.
OUTLINES = ["a typical day", "typical day", "a day at the conference", "sample day", "sample schedule",
            "example schedule", "daily schedule template"]
# Words that, numbered ("Session 2: Language"), name a block of sessions rather than a kind of session.
GROUPINGS = ["session", "sessions", "paper session", "paper sessions", "track", "block", "part", "slot", "stream"]
# Formats that name a session of their own: alone on a line, a title (see fr.OCCASIONS).
OCCASIONS = ["break", "coffee break", "lunch", "lunch break", "networking lunch", "breakfast", "reception",
             "welcome", "welcome remarks", "opening remarks", "closing remarks", "registration", "q&a",
             "networking", "happy hour", "awards", "awards ceremony", "closing", "opening", "dinner",
             "social event", "coffee", "morning break", "afternoon break", "tea break", "introduction",
             "conclusion", "wrap-up", "wrap up", "snacks", "snack", "refreshments", "tea", "tea/coffee",
             "morning tea", "afternoon tea"]
ROLES = ["moderator", "moderators", "chair", "chairs", "session chair", "co-chair", "facilitator", "host",
         "hosts", "discussant", "mc", "emcee"]
SPEAKER_HEADINGS = ["speaker", "speakers", "panelist", "panelists", "panellist", "panellists", "presenter",
                    "presenters", "featuring", "with", "guest", "guests", "presented by"]
BY_WORDS = ["by", "with", "presented by", "led by", "session led by", "workshop led by", "given by",
            "delivered by"]
SPONSORED_BY = ["sponsored by", "courtesy of", "offered by", "brought to you by", "generously sponsored by",
                "supported by", "hosted by our sponsor"]
LIST_JOINERS = ["and"]
# "CEO at Alzette": the word between a job and where it is done.
AT_WORDS = ["at"]
TITLE_BY_WORDS = ["by", "featuring", "feat."]
# After a quoted title, these too: '"Flow" with Ryan Lockard' (unquoted, "with" is part of many titles).
QUOTED_BY_WORDS = ["with", "featuring", "by"]
# Not "by" in running text: English Title Case makes "Learning by Doing Great Things" look like a name.
RUN_ON_BY_WORDS: list[str] = []
ROLE_BY = {"moderated by": "moderator", "chaired by": "chair", "hosted by": "host", "facilitated by": "facilitator"}
ORG_WORDS = ["university", "college", "institute", "inc.", "inc", "ltd", "llc", "corp", "corporation",
             "company", "city of", "ministry", "department", "centre", "center", "foundation",
             "association", "society", "council", "agency", "hospital", "laboratory", "lab", "group",
             "government", "school", "office", "network", "bank", "consulting"]
# Words of job titles: "Program Director" is a role, not a person's name.
JOB_WORDS = ["director", "manager", "professor", "president", "ceo", "cto", "cfo", "coo", "founder", "co-founder",
             "engineer", "developer", "researcher", "student", "lecturer", "officer", "head", "lead", "coordinator",
             "consultant", "chief", "vice", "dean", "analyst", "architect", "scientist", "editor", "fellow",
             "associate", "assistant", "advisor", "adviser", "partner", "principal", "senior", "junior", "intern",
             "specialist", "strategist", "designer", "evangelist", "advocate", "mayor", "minister", "secretary",
             "treasurer", "chairman", "chairwoman", "chairperson", "owner", "member", "candidate", "postdoc",
             "librarian", "curator", "executive", "administrator", "technician", "representative", "deputy",
             "organizer", "organiser", "volunteer", "hero", "ambassador", "champion", "mvp", "builder",
             "instructor", "trainer", "coach", "mentor", "writer", "author", "blogger", "speaker"]
STOPWORDS = ["the", "and", "of", "to", "in", "for", "on", "with", "is", "are", "this", "that", "by",
             "from", "will", "how", "their", "our", "an", "be", "at", "as", "we", "you", "towards", "toward",
             "beyond", "between", "through", "using", "why", "what", "when", "where", "which", "who", "can",
             "does", "into", "about", "your", "its"]
# Labels site builders give the page's top and bottom landmarks (Wix: aria-label).
LANDMARKS = ["top of page", "bottom of page"]
# "CANCELLED: Title", "REPLACED:": what became of a session, never its kind.
STATUS_WORDS = ["cancelled", "canceled", "postponed", "replaced", "moved", "rescheduled", "new", "updated", "tbc"]
# "About Ryan", "Meet Esther Derby": a heading over a speaker's biography, never a session.
ABOUT_PERSON = ["about", "meet", "bio of", "biography of"]
# Phrases of notes about the programme itself, never sessions: "The schedule is subject to change."
NOTICES = ["subject to change", "may change", "might change", "may be subject to", "tentative program",
           "tentative schedule", "preliminary program", "preliminary schedule", "all times are", "times are in",
           "times are listed in", "click on", "click here", "stay tuned", "to be updated", "last updated",
           "will be updated", "will be posted", "will be announced"]
# Stamps of when the page itself changed: their dates are not the event's.
UPDATE_STAMPS = ["last updated", "updated on", "last modified", "page updated", "last update", "posted on",
                 "published on"]
# Labels of links beside a session (never a session, a title or a room of their own).
LINK_LABELS = ["read more", "more", "more info", "more information", "details", "see details", "slides",
               "video", "videos", "watch", "watch video", "recording", "pdf", "download", "materials",
               "slides & materials", "slides and materials", "permalink", "link", "bio",
               "view abstract", "show abstract", "hide abstract", "show more", "show less", "toggle",
               "add to calendar", "add to my schedule", "ical", "back to top", "top", "youtube", "replay",
               "transcript"]
# Words naming the programme itself: "Workshop programme", "Program of the conference" head the page's
# list of sessions and are none of them.
PROGRAMME_WORDS = ["programme", "program", "schedule", "agenda", "timetable"]
NOISE = [*LANDMARKS, *LINK_LABELS, "skip to content", "skip to main content", "menu", "home",
         "register", "register now", "share", "print", "schedule", "agenda", "program",
         "programme", "sign up", "sign up now", "get in touch", "contact", "contact us", "email us", "email us at",
         "sponsors", "our sponsors", "partners", "our partners", "follow us", "subscribe", "newsletter", "to the top"]
TABLE_HEADERS = {
    "time": ["time", "times", "hour", "when", "slot", "start", "start time", "begins"],
    "duration": ["duration", "length", "minutes", "mins"],
    "title": ["title", "session", "talk", "topic", "activity", "event", "presentation", "what", "item",
              "description", "program", "programme", "agenda", "subject"],
    "speakers": ["speaker", "speakers", "presenter", "presenters", "panelists", "panellists", "authors",
                 "author", "moderator", "who"],
    "room": ["room", "location", "venue", "where"],
    "format": ["format", "type", "track"],
    "description": ["description", "details", "detail", "abstract", "summary", "notes"],
    "surname": ["last name", "surname", "family name"],
    "given": ["first name", "given name", "firstname"],
    "name": ["name", "full name"],
    "role": ["position", "job title", "affiliation", "organisation", "organization", "company"],
}
# Field labels whose value is not part of the record: "Track: Being Human", "LEVEL:" / "Everyone".
METADATA_LABELS = ["track", "tracks", "session track", "level", "levels", "experience level", "skill level",
                   "session level", "audience", "target audience", "category", "categories", "tag", "tags",
                   "difficulty", "language", "duration", "length", "topic", "topics", "theme", "themes",
                   "keywords", "slides", "video", "links", "materials", "status", "warning", "content warning",
                   "trigger warning", "cw", "tw", "prerequisites", "requirements", "hashtag", "twitter"]
# Labels of a session's format: "Type: Keynote", "Session type:".
ATTENDANCE = ["online", "in-person", "in person", "hybrid", "virtual", "remote", "onsite", "on-site", "livestream"]
FORMAT_LABELS = ["format", "type", "session type", "talk type", "kind"]
# Labels of a time: "Time: 10:00 - 11:00", "When:".
TIME_LABELS = ["time", "when", "hours", "schedule", "starts at", "start time", "from"]
END_LABELS = ["ends at", "end time", "until"]
TIME_RANGE_WORDS = ["to", "until", "till"]
TIME_FROM_WORDS = ["from"]
# A line that is only a duration gives the end: "50 minutes" -> minutes per unit.
DURATION_UNITS = {"minutes": 1, "minute": 1, "mins": 1, "min": 1, "hours": 60, "hour": 60, "hrs": 60, "hr": 60}
NOON = ["noon", "midday"]
MIDNIGHT = ["midnight"]

# What extractor writes to people about an English page (extractor.lexicon.messages): alerts, changelogs.
# Alert templates, kind -> (subject, body). Fields: {title} {when} {old} {new} {who} {what}.
ALERTS = {
    "room_confirmed": ("Room confirmed: {title}", "The room for “{title}”{when} is confirmed: {new}."),
    "description_finalized": ("Description final: {title}", "The description of “{title}”{when} is now final."),
    "room_changed": ("Room changed: {title}", "“{title}”{when} changed room: {new} (was {old})."),
    "room_unconfirmed": ("Room to be confirmed: {title}",
                         "The room for “{title}”{when} is no longer confirmed (it was {old})."),
    "time_changed": ("Time changed: {title}", "“{title}” moved: {new} (was {old})."),
    "session_removed": ("Session removed: {title}", "“{title}”{when} is no longer in the programme."),
    "session_added": ("New session: {title}", "“{title}”{when} was added to the programme."),
    "title_changed": ("Title changed: {title}", "“{old}” is now called “{new}”."),
    "description_changed": ("Description changed: {title}", "The description of “{title}”{when} changed."),
    "speakers_changed": ("Speakers changed: {title}", "“{title}”{when}: {who} ({what})."),
    "format_changed": ("Format changed: {title}", "“{title}”{when}: {old} is now {new}."),
}
ALERT_LINK = "Programme: {page}"  # the line ending every alert
# {what} of a speakers_changed alert, by diff's detail (a changed person: the word, then the fields).
ALERT_SPEAKER = {"added": "added", "removed": "removed", "changed": "changed"}
DIGEST = ("Programme changed: {count} changes", "{count} changes to the programme:")  # (subject, first line)
# A page's own alerts, kind -> (subject, body). Fields: {label} {url} {failures} {error}.
PAGE_ALERTS = {
    "failing": ("Page failing: {label}",
                "{label} ({url}) could not be checked {failures} times in a row.\n"
                "Last error: {error}\n\nYou will get one more message when it works again."),
    "recovered": ("Page back: {label}",
                  "{label} ({url}) was checked successfully again, after {failures} failed checks."),
}
# `alerts --test`: (subject, body). Field: {version}.
TEST_ALERT = ("extractor: test notification",
              "This is a test from extractor {version}. Alerts about your pages will arrive here.")
# Changelog labels (`check`, `diff`, `history`): kind -> label, and the words around them.
CHANGELOG = {
    "session_added": "new", "session_removed": "cancelled", "time_changed": "moved",
    "room_confirmed": "room confirmed", "room_changed": "room changed", "room_unconfirmed": "room to be confirmed",
    "description_finalized": "description final", "description_changed": "description changed",
    "speakers_changed": "speakers", "title_changed": "renamed", "format_changed": "format changed",
    "_speaker_added": "speaker added", "_speaker_removed": "speaker removed",
    "_speaker_changed": "speaker changed ({detail})", "_cosmetic": "typography only", "_sep": ": ",
}
TIME_SEPARATOR = ":"  # 13:30
# The lines `check` and `history` print around the changelog (the check and history commands).
STATUS = {
    "first": "first snapshot, the baseline for later changes",
    "changed": "{changes} change(s), {alerts} alert(s)",
    "unchanged": "unchanged",
    "not_modified": "unchanged (HTTP 304)",
    "held": "suspect: the page lost {count} session(s) at once; their removal alerts are held until the next check "
            "confirms them (or drops them if the sessions come back)",
    "settled": "held removals of {ref}: {parts}",
    "settled_confirmed": "{count} confirmed (alerted now)",
    "settled_dropped": "{count} dropped (the sessions are back)",
    "alerts": "Alerts:",
    "alerts_shown": "Alerts (no --notify given: shown, not sent):",
    "sent": "{subject} to {target}: sent",
    "failed": "{subject} to {target}: FAILED ({error}); will retry",
    "in_doubt": "{subject} to {target}: IN DOUBT ({error}); not resent unless asked",
    "waiting": "{count} alert(s) in the outbox ({detail}){next}: `extractor alerts` lists them",
    "next_try": "; next try {when} UTC",
    "waiting_after_failure": "{count} alert(s) wait in the outbox{next} (`extractor alerts` lists them)",
    "next_try_at": ", the next try at {when} UTC",
    "history": "{page}{name}: {count} snapshot(s), last checked {when}{failures}",
    "never": "never",
    "failures": ", {count} failure(s) in a row",
    "snapshot": "{sessions} session(s), rooms to confirm: {rooms}, provisional descriptions: {descriptions}",
    "hold_held": "suspect: {count} removal(s) held, to be confirmed or dropped by the next check",
    "hold_settled": "suspect: {count} removal(s) held; {when}: {parts}",
    "hold_confirmed": "{count} confirmed and alerted",
    "hold_dropped": "{count} dropped (the sessions came back)",
}
# An outbox row's state (monitor.outbox.OutboxRow.state) as those lines say it.
OUTBOX_STATES = {"pending": "pending", "waiting": "waiting", "sending": "sending", "in doubt": "in doubt",
                 "delivered": "delivered", "dropped": "dropped"}
