"""French vocabulary (Québec usage first). Data only: extend freely, keep the words read lowercase (those
written, from WEEKDAY_NAMES and ALERTS to STATUS, are as people read them)."""

WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
# Short forms read as weekdays only right before a time ("Me 10:00", "Jeu. 9h"): alone they are words.
WEEKDAY_CODES = {"lu": 0, "lun": 0, "ma": 1, "mar": 1, "me": 2, "mer": 2, "je": 3, "jeu": 3, "ve": 4, "ven": 4,
                 "sa": 5, "sam": 5, "di": 6, "dim": 6}
MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "février": 2, "fevrier": 2, "févr": 2, "fév": 2, "fev": 2,
    "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7,
    "août": 8, "aout": 8, "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}
# How alerts write them: Monday first, January first.
WEEKDAY_NAMES = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTH_NAMES = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
               "novembre", "décembre"]
# How alerts and changelogs name what changed about a speaker (diff's field names).
SPEAKER_FIELD_NAMES = {"name": "nom", "credentials": "titres", "titles": "fonctions", "affiliation": "affiliation",
                       "role": "rôle"}
# Words that open a room name: "Salle 2.105", "Local A-1510", "Pavillon Kruger".
ROOM_WORDS = ["salle", "local", "auditorium", "amphithéâtre", "amphi", "agora", "espace", "pavillon",
              "atrium", "studio", "foyer"]
# Words that make a parenthesis or a dash-tail after a title a place: "(Pavillon Kruger, 2e étage)".
VENUE_WORDS = ["salle", "local", "pavillon", "amphithéâtre", "amphi", "auditorium", "agora", "atrium", "hall",
               "foyer", "bibliothèque", "cafétéria", "terrasse", "jardin", "hôtel", "centre", "campus", "édifice",
               "bâtiment", "étage", "espace", "studio", "chapelle", "gymnase", "musée", "théâtre",
               "en ligne", "virtuel", "visioconférence"]
STRONG_VENUE_WORDS = ["amphithéâtre", "amphi", "auditorium", "agora", "atrium", "foyer", "cafétéria", "terrasse",
                      "chapelle", "gymnase", "théâtre", "parvis"]
# "Lieu : …" introduces a room; the label is not part of the name.
ROOM_LABELS = ["salle", "lieu", "local", "endroit", "emplacement"]
CODED_ROOM_WORDS = ["bloc", "studio"]
PLACE_LINKS = ["de", "du", "des", "et", "la", "le"]
ROOM_PROVISIONAL = ["salle à venir", "salle à confirmer", "salle à déterminer", "local à venir",
                    "local à confirmer", "local à déterminer", "lieu à venir", "lieu à confirmer",
                    "lieu à déterminer", "à déterminer", "à confirmer", "à venir", "à définir", "salle à définir",
                    "lieu à définir", "local à définir", "à préciser", "salle à préciser", "lieu à préciser",
                    "local à préciser", "à communiquer", "salle à communiquer", "à annoncer", "salle à annoncer"]
DESCRIPTION_LABELS = ["description", "résumé", "descriptif", "présentation", "sommaire"]
DESCRIPTION_PROVISIONAL = ["description provisoire", "résumé provisoire", "description préliminaire",
                           "description à venir", "résumé à venir", "description à confirmer", "descriptif à venir",
                           "description à préciser", "description bientôt disponible"]
FORMATS = ["études de cas", "étude de cas", "conférence", "conférences", "conférence d'ouverture",
           "conférence de clôture", "conférence plénière", "panel", "table ronde", "atelier", "ateliers",
           "plénière", "séance plénière", "mot de bienvenue", "mot d'ouverture", "mot de clôture",
           "pause", "pause-café", "pause café", "pause santé", "pause réseautage", "dîner", "déjeuner", "diner",
           "cocktail",
           "cocktail de clôture", "accueil", "accueil et inscription", "inscription", "séance d'affiches",
           "communications", "communications libres", "classe de maître", "forum", "discussion",
           "lancement", "remise de prix", "réseautage", "clôture", "ouverture", "symposium", "tutoriel", "tutoriels",
           "conférence invitée", "exposé invité", "assemblée générale", "séance d'affiches", "affiches",
           "séances parallèles", "sessions parallèles", "séances", "5 à 7", "vin d'honneur", "visite",
           "déjeuner-causerie", "dîner-conférence", "conférence principale",
           "conférence inaugurale", "conférence de fermeture", "conférence grand public", "conférence-débat",
           "table-ronde", "causerie", "séminaire", "exposé", "communication", "présentation", "démonstration",
           "projection", "spectacle", "concert", "débat", "témoignage", "keynote", "grand témoin"]
# Formats that name a session of their own (a break, a meal, a ceremony): alone on a line, a title, not
# the heading of a block of sessions as "Études de cas" or "Ateliers" are.
BIO_VERBS = ["travaille", "dirige", "enseigne", "enseignait", "vit", "a fondé", "fonde"]
BIO_COPULAS = ["est", "était", "a"]
PRONOUNS = ["il", "elle", "iel", "ils", "elles", "je", "j'ai", "j’ai", "j'enseigne", "j’enseigne"]
NOBODY = ["tous", "toutes", "tout le monde", "vous", "à venir", "à confirmer", "à déterminer", "à définir",
          "organisateurs", "les organisateurs", "organisatrices", "comité d'organisation", "comité organisateur",
          "l'équipe", "équipe", "bénévoles", "tous les participants", "intervenant à confirmer",
          "intervenant·e à confirmer", "intervenants à confirmer"]
STREET_WORDS = ["rue", "avenue", "av", "boulevard", "bd", "chemin", "allée", "quai", "impasse", "route"]
DAY_WORDS = ["jour", "journée", "journee"]
HALF_DAYS = ["matin", "matinée", "après-midi", "apres-midi", "soir", "soirée", "séance du matin",
             "séance de l'après-midi"]
OUTLINES = ["une journée type", "journée type", "déroulement type", "programme type", "exemple de programme"]
GROUPINGS = ["séance", "session", "bloc", "partie", "volet", "séance de communications", "parcours", "piste",
             "filière"]
OCCASIONS = ["mot de bienvenue", "mot d'ouverture", "mot de clôture", "pause", "pause-café", "pause café",
             "pause santé", "pause réseautage", "dîner", "déjeuner", "diner", "souper", "cocktail",
             "cocktail de clôture", "accueil", "accueil et inscription", "inscription", "lancement",
             "remise de prix", "réseautage", "clôture", "ouverture", "assemblée générale", "5 à 7",
             "vin d'honneur", "visite", "petit déjeuner", "petit-déjeuner", "mot de la fin", "conclusion"]
# Role words: "(Animateur)", "Animatrice :", "Présidence de séance :".
ROLES = ["animateur", "animatrice", "animation", "modérateur", "modératrice", "modération",
         "président de séance", "présidente de séance", "présidence de séance", "présidence",
         "coanimation", "co-animation", "animateurs", "animatrices"]
# Headings or labels that introduce plain speakers (no role): "Intervenants :", "Conférencières".
SPEAKER_HEADINGS = ["conférencier", "conférencière", "conférenciers", "conférencières", "panéliste",
                    "panélistes", "intervenant", "intervenante", "intervenants", "intervenantes",
                    "intervenant.es", "intervenant·es", "invité", "invitée", "invités", "invitées",
                    "avec", "orateurs", "oratrices", "personnes conférencières", "personnes panélistes"]
# Heads of speaker lines that say "by": "Par Marie Tremblay".
BY_WORDS = ["par", "avec"]
# "Pause offerte par Québec International": who pays, not who speaks; dropped from the title.
SPONSORED_BY = ["offert par", "offerte par", "offerts par", "offertes par", "commandité par",
                "commanditée par", "sponsorisé par", "sponsorisée par", "gracieuseté de", "présenté grâce à"]
# Words that join two people or two items of a list: "Marie Roy et Jean Côté".
LIST_JOINERS = ["et"]
AT_WORDS = ["chez", "de la", "du"]
# Inside a title line, the words before its people: "Conférence d’ouverture par Anne Roy" (ROLE_BY too).
TITLE_BY_WORDS = ["par"]
QUOTED_BY_WORDS = ["avec", "par"]
# The same inside a run-on sentence ("Discours par Léa Roy, directrice du musée, et …").
RUN_ON_BY_WORDS = ["par"]
# "Animée par Marie Roy": the speaker's role, from the words before the name.
ROLE_BY = {"animé par": "animation", "animée par": "animation", "présidé par": "présidence",
           "présidée par": "présidence", "modéré par": "modération", "modérée par": "modération"}
ORG_WORDS = ["université", "universite", "ville de", "ministère", "ministere", "centre", "institut", "inc.",
             "école", "ecole", "collège", "college", "cégep", "hôpital", "ciusss", "cisss", "mrc",
             "fondation", "association", "office", "société", "societe", "maison", "cité", "chaire",
             "laboratoire", "groupe", "conseil", "réseau", "gouvernement", "municipalité", "observatoire",
             "coopérative", "commission", "agence", "direction", "service", "bureau", "ordre",
             "regroupement", "fédération", "enap", "uqam", "hec", "inrs"]
# Mots des fonctions : « Directrice générale » est un titre, pas un nom de personne.
JOB_WORDS = ["directeur", "directrice", "professeur", "professeure", "président", "présidente", "chercheur",
             "chercheuse", "doctorant", "doctorante", "étudiant", "étudiante", "chargé", "chargée", "conseiller",
             "conseillère", "responsable", "coordonnateur", "coordonnatrice", "coordinateur", "coordinatrice",
             "gestionnaire", "fondateur", "fondatrice", "maire", "mairesse", "ingénieur", "ingénieure",
             "architecte", "ministre", "sous-ministre", "député", "députée", "adjoint", "adjointe", "chef",
             "cheffe", "vice-président", "vice-présidente", "délégué", "déléguée", "secrétaire", "trésorier",
             "trésorière", "analyste", "consultant", "consultante", "enseignant", "enseignante", "maître",
             "associé", "associée", "membre", "sénateur", "sénatrice", "préfet", "préfète", "docteur",
             "promoteur", "promotrice", "journaliste", "avocat", "avocate", "urbaniste", "agent", "agente",
             "développeur", "développeuse", "designer", "stratège", "conseillère", "fondatrice", "gestionnaire",
             "chef", "directeur", "présidente"]
STOPWORDS = ["le", "la", "les", "des", "du", "et", "une", "pour", "dans", "sur", "avec", "par", "est",
             "qui", "que", "au", "aux", "ce", "cette", "ses", "leur", "être", "à", "où", "d'une", "l'"]
# Lines of page chrome that are not content (text dumps keep them).
# Labels site builders give the page's top and bottom landmarks (Wix: aria-label).
LANDMARKS = ["haut de page", "bas de page"]
STATUS_WORDS = ["annulé", "annulée", "annulés", "annulées", "reporté", "reportée", "remplacé", "remplacée",
                "déplacé", "déplacée", "nouveau", "nouvelle", "modifié", "modifiée"]
ABOUT_PERSON = ["à propos de", "à propos d'", "biographie de", "biographie d'", "qui est"]
NOTICES = ["sous réserve de modification", "sous réserve de modifications", "susceptible d'être modifié",
           "susceptible de changer", "programme provisoire", "programme préliminaire", "peut changer",
           "peut être modifié", "sera mis à jour", "seront annoncés", "sera annoncé", "mis à jour le",
           "dernière mise à jour", "cliquez ici", "cliquez sur", "à suivre", "heure de paris",
           "heures de paris", "heure locale", "à venir prochainement"]
UPDATE_STAMPS = ["mis à jour le", "mise à jour le", "dernière mise à jour", "modifié le", "publié le",
                 "mise à jour :"]
LINK_LABELS = ["lire la suite", "en savoir plus", "voir la conférence", "voir la présentation", "voir le programme",
               "plus", "détails", "voir les détails", "diapositives",
               "vidéo", "voir la vidéo", "télécharger", "télécharger la présentation", "présentation (pdf)",
               "voir le résumé", "lien", "enregistrement", "ajouter au calendrier", "haut", "transparents",
               "rediffusion"]
PROGRAMME_WORDS = ["programme", "horaire", "planning", "ordre du jour"]
NOISE = [*LANDMARKS, *LINK_LABELS, "menu", "accueil du site", "s'inscrire", "inscription en ligne",
         "retour en haut", "partager", "imprimer", "programme", "horaire", "programme complet",
         "contact", "contactez-nous", "nous contacter", "nos partenaires", "partenaires", "commanditaires",
         "suivez-nous", "infolettre", "formulaire", "s'abonner"]
TABLE_HEADERS = {
    "time": ["heure", "heures", "horaire", "horaires", "plage horaire", "h", "quand", "début"],
    "duration": ["durée", "duree", "minutes"],
    "title": ["titre", "session", "activité", "activite", "thème", "sujet", "conférence", "présentation",
              "quoi", "programme", "intitulé", "événement", "evenement"],
    "speakers": ["conférencier", "conférenciers", "conférencière", "conférencières", "intervenants",
                 "intervenant", "intervenante", "intervenantes", "panélistes", "animateur", "animation",
                 "présentateur", "présentateurs", "auteurs", "auteur", "qui", "orateur", "oratrice",
                 "orateurs"],
    "room": ["salle", "lieu", "local", "où", "ou"],
    "format": ["format", "type"],
    "description": ["détail", "détails", "description", "descriptif", "résumé", "précisions"],
    # A table of people (one row a speaker): their names make the title when nothing else does.
    "surname": ["nom", "nom de famille"],
    "given": ["prénom", "prenom", "prénoms"],
    "role": ["statut", "fonction", "qualité", "titre et fonction"],
}
# Field labels whose value is not part of the record: "Niveau : débutant", "Thématique :".
METADATA_LABELS = ["niveau", "public", "public cible", "thématique", "thématiques", "catégorie", "catégories",
                   "durée", "langue", "mots-clés", "mots clés", "piste", "parcours", "thème", "thèmes",
                   "diapositives", "vidéo", "liens", "avertissement", "prérequis", "pré-requis", "mot-dièse"]
# How one attends, not what kind of session it is: "Format : présentiel / distanciel".
ATTENDANCE = ["présentiel", "distanciel", "hybride", "visio", "visioconférence", "en ligne", "sur place"]
FORMAT_LABELS = ["format", "type", "type de session", "type d'activité", "formule"]
TIME_LABELS = ["heure", "horaire", "quand", "début", "commence à", "de"]
END_LABELS = ["fin", "se termine à", "jusqu'à"]
TIME_RANGE_WORDS = ["à", "au", "jusqu'à"]
TIME_FROM_WORDS = ["de", "dès"]
# A line that is only a duration gives the end: "50 minutes" -> minutes per unit.
DURATION_UNITS = {"minutes": 1, "minute": 1, "min": 1, "mn": 1, "heures": 60, "heure": 60}
NOON = ["midi"]
MIDNIGHT = ["minuit"]

# What extractor writes to people about a French page (extractor.lexicon.messages): alerts, changelogs.
# Alert templates, kind -> (subject, body). Fields: {title} {when} {old} {new} {who} {what}.
ALERTS = {
    "room_confirmed": ("Salle confirmée : {title}", "La salle de « {title} »{when} est confirmée : {new}."),
    "description_finalized": ("Description définitive : {title}",
                              "La description de « {title} »{when} est maintenant définitive."),
    "room_changed": ("Changement de salle : {title}", "« {title} »{when} change de salle : {new} (au lieu de {old})."),
    "room_unconfirmed": ("Salle à confirmer : {title}",
                         "La salle de « {title} »{when} n'est plus confirmée (c'était {old})."),
    "time_changed": ("Changement d'horaire : {title}", "« {title} » est déplacée : {new} (au lieu de {old})."),
    "session_removed": ("Séance retirée : {title}", "« {title} »{when} n'apparaît plus au programme."),
    "session_added": ("Nouvelle séance : {title}", "« {title} »{when} a été ajoutée au programme."),
    "title_changed": ("Titre modifié : {title}", "« {old} » s'intitule désormais « {new} »."),
    "description_changed": ("Description modifiée : {title}", "La description de « {title} »{when} a changé."),
    "speakers_changed": ("Intervenants modifiés : {title}", "« {title} »{when} : {who} ({what})."),
    "format_changed": ("Format modifié : {title}", "« {title} »{when} : {old} devient {new}."),
}
ALERT_LINK = "Programme : {page}"  # the line ending every alert
# {what} of a speakers_changed alert, by diff's detail (a changed person: the word, then the fields).
ALERT_SPEAKER = {"added": "ajout", "removed": "retrait", "changed": "modification"}
DIGEST = ("Programme modifié : {count} changements", "{count} changements au programme :")  # (subject, first line)
# A page's own alerts, kind -> (subject, body). Fields: {label} {url} {failures} {error}.
PAGE_ALERTS = {
    "failing": ("Page en échec : {label}",
                "{label} ({url}) n'a pas pu être vérifiée {failures} fois de suite.\n"
                "Dernière erreur : {error}\n\nUn message suivra quand elle fonctionnera de nouveau."),
    "recovered": ("Page rétablie : {label}",
                  "{label} ({url}) a de nouveau été vérifiée sans erreur, après {failures} échecs."),
}
# `alerts --test`: (subject, body). Field: {version}.
TEST_ALERT = ("extractor : notification d'essai",
              "Ceci est un essai d'extractor {version}. Les alertes de vos pages arriveront ici.")
# Changelog labels (`check`, `diff`, `history`): kind -> label, and the words around them.
CHANGELOG = {
    "session_added": "nouvelle", "session_removed": "annulée", "time_changed": "déplacée",
    "room_confirmed": "salle confirmée", "room_changed": "salle changée", "room_unconfirmed": "salle à confirmer",
    "description_finalized": "description définitive", "description_changed": "description modifiée",
    "speakers_changed": "intervenants", "title_changed": "renommée", "format_changed": "format modifié",
    "_speaker_added": "intervenant ajouté", "_speaker_removed": "intervenant retiré",
    "_speaker_changed": "intervenant modifié ({detail})", "_cosmetic": "typographie seulement", "_sep": " : ",
}
TIME_SEPARATOR = "h"  # 13h30
# The lines `check` and `history` print around the changelog (the check and history commands).
STATUS = {
    "first": "premier instantané, la référence des changements à venir",
    "changed": "{changes} changement(s), {alerts} alerte(s)",
    "unchanged": "inchangée",
    "not_modified": "inchangée (HTTP 304)",
    "held": "suspecte : la page a perdu {count} séance(s) d'un coup ; leurs alertes de retrait sont retenues jusqu'à "
            "ce que la prochaine vérification les confirme (ou les abandonne si les séances reviennent)",
    "settled": "retraits retenus de {ref} : {parts}",
    "settled_confirmed": "{count} confirmé(s) (signalé(s) maintenant)",
    "settled_dropped": "{count} abandonné(s) (les séances sont revenues)",
    "alerts": "Alertes :",
    "alerts_shown": "Alertes (pas de --notify : affichées, non envoyées) :",
    "sent": "{subject} à {target} : envoyée",
    "failed": "{subject} à {target} : ÉCHEC ({error}) ; nouvel essai plus tard",
    "in_doubt": "{subject} à {target} : INCERTAINE ({error}) ; pas renvoyée sans demande",
    "waiting": "{count} alerte(s) dans la boîte d'envoi ({detail}){next} : `extractor alerts` les liste",
    "next_try": " ; prochain essai {when} UTC",
    "waiting_after_failure": "{count} alerte(s) attendent dans la boîte d'envoi{next} (`extractor alerts` les liste)",
    "next_try_at": ", prochain essai à {when} UTC",
    "history": "{page}{name} : {count} instantané(s), dernière vérification {when}{failures}",
    "never": "jamais",
    "failures": ", {count} échec(s) de suite",
    "snapshot": "{sessions} séance(s), salles à confirmer : {rooms}, descriptions provisoires : {descriptions}",
    "hold_held": "suspect : {count} retrait(s) retenu(s), à confirmer ou abandonner à la prochaine vérification",
    "hold_settled": "suspect : {count} retrait(s) retenu(s) ; {when} : {parts}",
    "hold_confirmed": "{count} confirmé(s) et alerté(s)",
    "hold_dropped": "{count} abandonné(s) (les séances sont revenues)",
}
# An outbox row's state (monitor.outbox.OutboxRow.state) as those lines say it.
OUTBOX_STATES = {"pending": "à envoyer", "waiting": "en attente", "sending": "en cours d'envoi",
                 "in doubt": "incertaine(s)", "delivered": "livrée(s)", "dropped": "abandonnée(s)"}
