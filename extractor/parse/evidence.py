"""Passes over the drafts of a whole page that weigh what each one shows of being a session.

They run after the page has been read, when every draft and its neighbours are known: a line that
looked like a title in isolation may turn out to be a speaker's name or a paragraph's heading."""

from __future__ import annotations

from extractor.models import Warning
from extractor.parse.draft import Draft
from extractor.parse.speakers import given_name, looks_like_name, organisations, parse_speaker
from extractor.parse.titles import numbered_block

TIMED_PAGE_SHARE = 0.6  # most sessions of the page have a time: it is a timetable
MIN_TIMED = 5


def without_prose(drafts: list[Draft], warnings: list[Warning]) -> list[Draft]:
    """On a timetable, a heading over a paragraph and nothing else ('Mask policy', 'Get in touch') is prose,
    and so is any line with nothing of its own below the last timed session (links, partners, credits).

    Its only evidence of a session is that a paragraph follows it; the page's sessions say when they
    happen, and the inner items a page leaves untimed come with their people, a room or a format."""
    timed = sum(1 for d in drafts if d.slot.start)
    if timed < MIN_TIMED:
        return drafts
    timetable = timed >= TIMED_PAGE_SHARE * len(drafts)
    last_timed = max(i for i, d in enumerate(drafts) if d.slot.start)
    kept = []
    for index, draft in enumerate(drafts):
        tail = index > last_timed and not draft.dated  # below the timetable: the page's footer, its notes
        if draft.slot.start or draft.speakers or draft.room or draft.format or draft.group \
                or (not tail and (not timetable or draft.under_date or draft.dated or not draft.description)):
            kept.append(draft)
        else:
            warnings.append(Warning(where=draft.where(), text=draft.title[:200],
                                    reason="a heading and a paragraph on a timetable: not read as a session"))
    return kept


def named_people(drafts: list[Draft]) -> list[Draft]:
    """Names read as titles go back to being people.

    - A bare name with nothing of its own, right after a session's people and at its time, is one more
      of them: an author list wrapped onto the next line ('…, Leigh Clark,' / 'Benjamin R. Cowan').
    - A session titled by a person's name whose one 'speaker' reads like a title was written name first
      ('Aaron Rosenmund' / 'Modernizing Security Operations'): both look like names, the given name tells.
    """
    out: list[Draft] = []
    for draft in drafts:
        prev = out[-1] if out else None
        if prev is not None and prev.speakers and _lone_name(draft) \
                and draft.slot.start in (None, prev.slot.start) and draft.slot.day in (None, prev.slot.day):
            prev.speakers.append(parse_speaker(draft.title))
            continue
        orgs = organisations(draft.title) if prev is not None and prev.speakers and _alone(draft) else None
        if prev is not None and orgs and len(orgs) == 1 and draft.slot.start in (None, prev.slot.start) \
                and draft.slot.day in (None, prev.slot.day) and prev.speakers[-1].affiliation is None:
            _affiliate(prev, orgs[0])  # '…, Ranjita Bhagwan' / 'Microsoft Research India'
            continue
        _name_first(draft)
        out.append(draft)
    return out


def _alone(draft: Draft) -> bool:
    """Nothing but its title: no people, abstract, format or room of its own."""
    return not draft.has_own_details() and draft.format is None and not draft.group


def _lone_name(draft: Draft) -> bool:
    return _alone(draft) and looks_like_name(draft.title) and "," not in draft.title


def _affiliate(draft: Draft, organisation: str) -> None:
    """The organisation line after a list of people belongs to those of them listed without one."""
    index = len(draft.speakers)
    while index > 0 and draft.speakers[index - 1].affiliation is None:
        index -= 1
    for i in range(index, len(draft.speakers)):
        draft.speakers[i] = draft.speakers[i].model_copy(update={"affiliation": organisation})


def _name_first(draft: Draft) -> None:
    if len(draft.speakers) != 1 or draft.description or draft.format or not looks_like_name(draft.title):
        return
    speaker = draft.speakers[0]
    if speaker.role or not speaker.raw or not given_name(draft.title) or given_name(speaker.raw):
        return
    draft.title, draft.speakers = speaker.raw, [parse_speaker(draft.title)]


def without_bare_groups(drafts: list[Draft], warnings: list[Warning]) -> list[Draft]:
    """'Session 1' with nothing of its own, over sessions in their own rooms at its time, is a time band.

    The sessions in the rooms are the blocks; the number only says which band follows. A block with a name
    ('Session 2A: Language'), or one over talks given in no room of their own, keeps its entry."""
    kept: list[Draft] = []
    for index, draft in enumerate(drafts):
        after = drafts[index + 1] if index + 1 < len(drafts) else None
        if numbered_block(draft.title) and after is not None \
                and not draft.has_own_details() and not draft.format and draft.slot.start \
                and after.slot.start == draft.slot.start and after.slot.day == draft.slot.day \
                and after.room is not None and not after.room_inherited:
            warnings.append(Warning(where=draft.where(), text=draft.title[:200],
                                    reason="a numbered block over the sessions at its time: not a session"))
            continue
        kept.append(draft)
    return kept
