"""Language-neutral vocabulary: courtesy titles, credentials. Data only."""

# Kept out of names entirely.
COURTESY = ["m.", "mme", "mlle", "monsieur", "madame", "mr.", "mr", "ms.", "ms", "mrs.", "mrs", "mx."]
# Moved from names and titles into `credentials`; matched case-sensitively after dot-folding.
CREDENTIALS = ["Ph.D.", "Ph. D.", "PhD", "Ph.D", "M.Sc.", "M. Sc.", "MSc", "M.A.", "MA", "B.Sc.", "MBA",
               "M.D.", "MD", "Dr", "Dr.", "Dre", "Dre.", "Me", "Me.", "ing.", "Ing.", "urb.", "CPA", "CRHA",
               "CRIA", "Prof.", "Pr", "Pr.", "Adm.A.", "FCPA", "LL.M.", "LL.B.", "MPA", "M.P.A.", "DBA",
               "D.Sc.", "DSc", "Psy.D.", "PMP", "CFA", "P.Eng.", "RN", "inf.", "M.Ed.", "Ed.D."]
# Credentials that, written before a name, are honorifics (Dr Marie Curie, Me Julie Roy).
NAME_PREFIX_CREDENTIALS = ["Dr", "Dr.", "Dre", "Dre.", "Me", "Me.", "Prof.", "Pr", "Pr.", "Professor",
                           "Professeur", "Professeure"]
# Particles allowed in lowercase inside a person's name.
NAME_PARTICLES = ["de", "du", "des", "d'", "d’", "la", "le", "van", "von", "der", "den", "da", "di",
                  "dos", "das", "del", "della", "bin", "ben", "el", "al", "st", "ter", "y"]
# Joins two people in any language: "Ana Ruiz & Paul Côté".
LIST_JOINERS = ["&"]

# Words in the class or id of an element that say what its text is (`<div class="session-room">`,
# `<p class="speaker-name">`): site builders name their fields, in English mostly. Checked in this order,
# so "speaker-name" is a speaker and "session-title" a title.
CLASS_HINTS = {
    "speaker": ["speaker", "speakers", "presenter", "presenters", "author", "authors", "auteur", "auteurs",
                "intervenant", "intervenants", "conferencier", "conferenciers", "orateur", "panelist",
                "panelists", "people", "person", "persons", "presenters"],
    "chair": ["chair", "chairs", "moderator", "moderators", "convener", "conveners", "animateur"],
    "affiliation": ["affiliation", "affiliations", "organization", "organisation", "company", "institution",
                    "position", "employer", "org", "job"],
    "room": ["room", "rooms", "location", "venue", "salle", "lieu", "place"],
    "time": ["time", "times", "timeslot", "hour", "hours", "heure", "horaire", "clock"],
    "description": ["abstract", "description", "summary", "resume", "excerpt", "synopsis", "teaser"],
    "meta": ["track", "tracks", "level", "category", "categories", "tag", "tags", "difficulty", "badge",
             "duration", "language", "links", "readmore", "more", "share", "slides", "video", "videos",
             "numero", "number", "accordion", "toggle", "button", "icon", "download", "avatar", "initials",
             "legend", "filter", "filters"],
    "title": ["title", "titre", "headline", "subject", "libelle", "intitule"],
}

# Words in the class or id of a site's chrome (menus, breadcrumbs, share bars): such an element is left
# out when most of its text is links (a programme's own list of talks is not mostly links to elsewhere).
CHROME_CLASS_WORDS = ["nav", "navbar", "navigation", "menu", "menubar", "submenu", "dropdown", "breadcrumb",
                      "breadcrumbs", "sidebar", "footer", "header", "masthead", "cookie", "cookies", "skip",
                      "social", "share", "sharing", "pagination", "pager", "topbar", "toolbar", "offcanvas",
                      "widget", "widgets", "banner"]

# Countries as they end an affiliation ("Universitat Pompeu Fabra, Spain"), in English and French.
COUNTRIES = ["afghanistan", "algeria", "algérie", "argentina", "argentine", "australia", "australie", "austria",
             "autriche", "belgium", "belgique", "brazil", "brasil", "brésil", "canada", "chile", "chili", "china",
             "chine", "colombia", "colombie", "czech republic", "czechia", "denmark", "danemark", "egypt",
             "égypte", "finland", "finlande", "france", "germany", "allemagne", "greece", "grèce", "hong kong",
             "hungary", "hongrie", "india", "inde", "indonesia", "indonésie", "iran", "ireland", "irlande", "israel",
             "israël", "italy", "italie", "japan", "japon", "korea", "south korea", "corée", "lebanon", "liban",
             "luxembourg", "malaysia", "malaisie", "mexico", "mexique", "morocco", "maroc", "netherlands",
             "the netherlands", "pays-bas", "new zealand", "new zeland", "nouvelle-zélande", "nigeria", "norway",
             "norvège", "pakistan", "peru", "pérou", "philippines", "poland", "pologne", "portugal", "québec",
             "romania", "roumanie", "russia", "russie", "singapore", "singapour", "slovenia", "slovénie",
             "south africa", "afrique du sud", "spain", "espagne", "sweden", "suède", "switzerland", "suisse",
             "taiwan", "thailand", "thaïlande", "tunisia", "tunisie", "turkey", "turquie", "uk", "united kingdom",
             "royaume-uni", "usa", "us", "united states", "états-unis", "vietnam", "viet nam", "uruguay",
             "venezuela", "senegal", "sénégal", "cameroon", "cameroun", "kenya", "ghana", "ethiopia"]
