"""English vocabulary. Data only: extend freely, keep entries lowercase."""

WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
            "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
            "sunday": 6, "sun": 6}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# How alerts write them (capitalised, unlike the look-up words): Monday first, January first.
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
ROOM_WORDS = ["room", "hall", "great hall", "ballroom", "auditorium", "theatre", "theater", "amphitheatre",
              "amphitheater", "lecture hall", "conference room", "suite", "salon", "lounge", "atrium",
              "building", "studio", "foyer", "stage", "main stage", "track"]
VENUE_WORDS = ["hall", "room", "court", "food court", "center", "centre", "campus", "building", "library", "dorms",
               "dorm", "residence", "lounge", "foyer", "atrium", "pavilion", "auditorium", "theatre", "theater",
               "ballroom", "chapel", "gym", "gymnasium", "cafeteria", "terrace", "garden", "lobby", "studio",
               "suite", "floor", "hotel", "museum", "stage", "village", "arena", "plaza",
               # online venues are rooms too
               "zoom", "teams", "webex", "gather town", "online", "virtual"]
ROOM_LABELS = ["room", "location", "venue", "where", "place"]
ROOM_PROVISIONAL = ["room tba", "room tbd", "room tbc", "room to be announced", "room to be confirmed",
                    "room to be determined", "location tba", "location tbd", "location tbc",
                    "location to be announced", "venue tba", "venue tbd", "tba", "tbd", "tbc"]
DESCRIPTION_LABELS = ["description", "abstract", "summary", "overview", "synopsis"]
DESCRIPTION_PROVISIONAL = ["tentative description", "provisional description", "provisional abstract",
                           "tentative abstract", "preliminary description", "preliminary abstract",
                           "description tba", "description tbd", "abstract tba", "abstract tbd",
                           "description to come", "abstract to come"]
FORMATS = ["keynote", "keynotes", "opening keynote", "closing keynote", "keynote address", "panel",
           "panel discussion", "workshop", "workshops", "case studies", "case study", "break",
           "coffee break", "lunch", "lunch break", "networking lunch", "breakfast", "reception",
           "welcome", "welcome remarks", "opening remarks", "closing remarks", "registration",
           "plenary", "plenary session", "talk", "talks", "lightning talks", "poster session", "posters",
           "tutorial", "fireside chat", "roundtable", "round table", "q&a", "networking", "happy hour",
           "awards", "awards ceremony", "breakout sessions", "concurrent sessions", "session", "invited talk",
           "keynote talk", "annual general meeting", "closing", "opening", "dinner", "social event",
           "coffee", "morning break", "afternoon break", "poster session and reception", "position paper",
           "invited speaker", "keynote speaker", "paper session", "short paper", "long paper", "demo", "demos",
           "signing", "conference", "lecture", "seminar", "masterclass", "screening", "performance"]
ROLES = ["moderator", "moderators", "chair", "chairs", "session chair", "co-chair", "facilitator", "host",
         "hosts", "discussant", "mc", "emcee"]
SPEAKER_HEADINGS = ["speaker", "speakers", "panelist", "panelists", "panellist", "panellists", "presenter",
                    "presenters", "featuring", "with", "guest", "guests", "presented by"]
BY_WORDS = ["by", "with", "presented by"]
LIST_JOINERS = ["and"]
TITLE_BY_WORDS = ["by"]
# Not "by" in running text: English Title Case makes "Learning by Doing Great Things" look like a name.
RUN_ON_BY_WORDS: list[str] = []
ROLE_BY = {"moderated by": "moderator", "chaired by": "chair", "hosted by": "host", "facilitated by": "facilitator"}
ORG_WORDS = ["university", "college", "institute", "inc.", "inc", "ltd", "llc", "corp", "corporation",
             "company", "city of", "ministry", "department", "centre", "center", "foundation",
             "association", "society", "council", "agency", "hospital", "laboratory", "lab", "group",
             "government", "school", "office", "network", "bank", "consulting"]
STOPWORDS = ["the", "and", "of", "to", "in", "for", "on", "with", "is", "are", "this", "that", "by",
             "from", "will", "how", "their", "our", "an", "be", "at", "as", "we", "you"]
NOISE = ["top of page", "bottom of page", "skip to content", "skip to main content", "menu", "home",
         "register", "register now", "share", "print", "back to top", "schedule", "agenda", "program",
         "programme"]
TABLE_HEADERS = {
    "time": ["time", "times", "hour", "when", "slot"],
    "title": ["title", "session", "talk", "topic", "activity", "event", "presentation"],
    "speakers": ["speaker", "speakers", "presenter", "presenters", "panelists", "panellists", "authors",
                 "author", "moderator", "who"],
    "room": ["room", "location", "venue", "where"],
    "format": ["format", "type", "track"],
}
TIME_RANGE_WORDS = ["to", "until", "till"]
TIME_FROM_WORDS = ["from"]
NOON = ["noon", "midday"]
MIDNIGHT = ["midnight"]
