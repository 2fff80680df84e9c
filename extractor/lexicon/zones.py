"""How a page states its time zone, and the IANA zone each statement names. Data only (parse/zone.py reads it).

A zone named by a city or a region stands for that place's rules, daylight saving time included; a
North American region ("Eastern Time", "EST") stands for the zone of its largest city, whose clocks
every place of the region follows. An abbreviation says "standard" or "daylight", but pages mix them
up ("EST" in July): the zone, not the offset the letters spell, is what they mean.
"""

# Matched case-insensitively anywhere in the page (typographic apostrophes folded to ').
ZONE_PHRASES: dict[str, str] = {
    # fr
    "heure de paris": "Europe/Paris",
    "heure française": "Europe/Paris",
    "heure de france": "Europe/Paris",
    "heure d'europe centrale": "Europe/Paris",
    "heure de l'europe centrale": "Europe/Paris",
    "heure de bruxelles": "Europe/Brussels",
    "heure belge": "Europe/Brussels",
    "heure de genève": "Europe/Zurich",
    "heure suisse": "Europe/Zurich",
    "heure de londres": "Europe/London",
    "heure de montréal": "America/Toronto",
    "heure de québec": "America/Toronto",
    "heure du québec": "America/Toronto",
    "heure de l'est": "America/Toronto",
    "heure normale de l'est": "America/Toronto",
    "heure avancée de l'est": "America/Toronto",
    "heure de toronto": "America/Toronto",
    "heure d'ottawa": "America/Toronto",
    "heure du pacifique": "America/Vancouver",
    "heure de vancouver": "America/Vancouver",
    "heure des rocheuses": "America/Edmonton",
    "heure de l'atlantique": "America/Halifax",
    "heure de new york": "America/New_York",
    "temps universel coordonné": "UTC",
    # en
    "eastern time": "America/New_York",
    "eastern standard time": "America/New_York",
    "eastern daylight time": "America/New_York",
    "central time": "America/Chicago",
    "central standard time": "America/Chicago",
    "central daylight time": "America/Chicago",
    "mountain time": "America/Denver",
    "mountain standard time": "America/Denver",
    "pacific time": "America/Los_Angeles",
    "pacific standard time": "America/Los_Angeles",
    "pacific daylight time": "America/Los_Angeles",
    "atlantic time": "America/Halifax",
    "central european time": "Europe/Paris",
    "central european summer time": "Europe/Paris",
    "british summer time": "Europe/London",
    "uk time": "Europe/London",
    "london time": "Europe/London",
    "paris time": "Europe/Paris",
    "brussels time": "Europe/Brussels",
    "berlin time": "Europe/Berlin",
    "new york time": "America/New_York",
    "toronto time": "America/Toronto",
    "montreal time": "America/Toronto",
    "montréal time": "America/Toronto",
    "vancouver time": "America/Vancouver",
    "coordinated universal time": "UTC",
}

# Matched in capitals only, and only in parentheses ("(EST)") or right after a time ("9:00 AM EST",
# "14h HNE"), or after "in"/"en" ("times in CET"): "EST", "ET" and "CET" are words or pieces of words in
# running text ("ce qui EST dit"). Left out for what else they name in parentheses: "PT" (Portuguese, as
# languages are marked), "HEC" (HEC Montréal), "AST" and "WEST" (organisations, wings of a building).
ZONE_ABBREVIATIONS: dict[str, str] = {
    "EST": "America/New_York", "EDT": "America/New_York", "ET": "America/New_York",
    "CST": "America/Chicago", "CDT": "America/Chicago", "CT": "America/Chicago",
    "MST": "America/Denver", "MDT": "America/Denver",
    "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "ADT": "America/Halifax",
    "HNE": "America/Toronto", "HAE": "America/Toronto",  # heure normale / avancée de l'Est
    "HNP": "America/Vancouver", "HAP": "America/Vancouver",
    "CET": "Europe/Paris", "CEST": "Europe/Paris",
    "BST": "Europe/London", "WET": "Europe/Lisbon",
    "EET": "Europe/Athens", "EEST": "Europe/Athens",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
    "JST": "Asia/Tokyo", "KST": "Asia/Seoul", "SGT": "Asia/Singapore",
    "UTC": "UTC", "GMT": "UTC",
}
# Written after a time they are too short to be sure of ("à 14h ET 15h"): only in parentheses.
PARENTHESES_ONLY = frozenset({"ET", "CT"})

# Offsets from UTC as pages write them: "UTC+2", "GMT-05:00", "UTC −3".
OFFSET_BASES = ("UTC", "GMT", "TU")
