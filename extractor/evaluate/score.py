"""Accuracy of a parsed Programme against labelled expectations. Pure: no I/O, no parsing.

Sessions are paired by normalised title (rapidfuzz), slot agreement breaking ties between look-alike
titles ("Pause", "Coffee break"). A prediction still matches its label when it carries a format prefix
(`Keynote: Title`), a speaker suffix (`Title - Speaker`) or decorative symbols. Two figures follow:

- per field, precision/recall/F1 counts: a right value is a true positive, a missing one a false
  negative, a wrong one both; lists (people, affiliations) count per item;
- field accuracy: over paired sessions, the share of labelled values that are exactly right (a list
  is right when it is the same set). A value predicted where the label says there is none (a room
  for a session labelled `room: null`, speakers for a break) counts as a labelled value got wrong.

An expected document is either a Programme (samples/*.expected.json) or hand labels converted by
extractor.evaluate.labels (`"evaluation": {"labels": true}`): then chairs and moderators (people with
a role) are scored apart from speakers, affiliations per session, and a key missing from a label
means the page shows nothing for it. `"evaluation": {"complete": false}` says the labels lack
sessions the page shows (unmatched predictions are then not false positives); `"layout"` groups
pages by layout family.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from extractor.models import Programme
from extractor.textkit.pairing import best_pairs
from extractor.textkit.slug import ascii_fold

FIELDS: tuple[str, ...] = (
    "session",
    "start",
    "end",
    "day",
    "format",
    "room_name",
    "room_provisional",
    "speaker_names",
    "speaker_affiliations",
    "speaker_titles",
    "chairs",
    "affiliations",
    "description_provisional",
    "description_text",
)
# Fields of a paired session that field accuracy looks at.
ACCURACY_FIELDS: tuple[str, ...] = ("start", "end", "day", "format", "room", "speakers", "affiliations", "chairs")
TITLE_THRESHOLD = 80.0
NAME_THRESHOLD = 88.0
DESCRIPTION_PREFIX = 60
MIN_CONTAINED = 12  # a title contained in a longer one matches only from this many characters

_NON_WORD = re.compile(r"[\W_]+")
_SUFFIX = re.compile(r"\s+(?:[-–—|/]|\bby\b|\bpar\b)\s+", re.I)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def labels(self) -> int:
        """How many expected values this field had (true positives + false negatives)."""
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        if not (self.tp + self.fp + self.fn):
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "labels": self.labels,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


@dataclass
class Tally:
    """Field accuracy of one field: labelled values on paired sessions, and how many were right."""

    right: int = 0
    total: int = 0

    @property
    def share(self) -> float | None:
        return self.right / self.total if self.total else None

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.total += other.total


@dataclass
class Mismatch:
    """One wrong, missing or extra value, to show where the parser went astray."""

    field: str
    title: str
    expected: Any
    got: Any

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "title": self.title, "expected": self.expected, "got": self.got}


@dataclass
class PageScore:
    name: str
    expected_sessions: int = 0
    predicted_sessions: int = 0
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    accuracy: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in ACCURACY_FIELDS})
    mismatches: list[Mismatch] = field(default_factory=list)
    error: str | None = None
    crashed: bool = False
    layout: str | None = None

    @property
    def field_accuracy(self) -> float | None:
        return field_accuracy(self.accuracy)

    def as_dict(self, with_mismatches: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "expected_sessions": self.expected_sessions,
            "predicted_sessions": self.predicted_sessions,
            "error": self.error,
            "crashed": self.crashed,
            "layout": self.layout,
            "fields": {name: counts.as_dict() for name, counts in self.fields.items()},
            "field_accuracy": _round(self.field_accuracy),
            "accuracy": {name: {"right": t.right, "total": t.total} for name, t in self.accuracy.items()},
        }
        if with_mismatches:
            out["mismatches"] = [m.as_dict() for m in self.mismatches]
        return out


def evaluate(
    predicted: Programme | Mapping[str, Any] | None,
    expected: Programme | Mapping[str, Any],
    name: str = "",
) -> PageScore:
    """Score one page. `predicted` None means the parser failed: every label is a false negative."""
    expected_doc = _as_dict(expected)
    exp_sessions = list(expected_doc.get("sessions") or [])
    pred_sessions = list(_as_dict(predicted).get("sessions") or []) if predicted is not None else []
    settings = expected_doc.get("evaluation") or {}
    complete = bool(settings.get("complete", True))
    labels = bool(settings.get("labels", False))
    score = PageScore(name=name, expected_sessions=len(exp_sessions), predicted_sessions=len(pred_sessions))
    score.layout = settings.get("layout")
    pairs = match_sessions(exp_sessions, pred_sessions)
    matched_pred = {p for _, p in pairs}
    matched_exp = {e for e, _ in pairs}
    counts = score.fields
    for e_index, p_index in pairs:
        counts["session"].tp += 1
        _score_pair(exp_sessions[e_index], pred_sessions[p_index], score, labels)
    for e_index, exp in enumerate(exp_sessions):
        if e_index not in matched_exp:
            counts["session"].fn += 1
            score.mismatches.append(Mismatch("session", _title(exp), _title(exp), None))
            _score_pair(exp, None, score, labels)
    if complete:
        for p_index, pred in enumerate(pred_sessions):
            if p_index not in matched_pred:
                counts["session"].fp += 1
                score.mismatches.append(Mismatch("session", _title(pred), None, _title(pred)))
    return score


def total(scores: Iterable[PageScore]) -> dict[str, Counts]:
    """Field counts summed over pages (micro-averaged)."""
    sums = {name: Counts() for name in FIELDS}
    for score in scores:
        for name, counts in score.fields.items():
            sums[name].add(counts)
    return sums


def total_accuracy(scores: Iterable[PageScore]) -> dict[str, Tally]:
    sums = {name: Tally() for name in ACCURACY_FIELDS}
    for score in scores:
        for name, tally in score.accuracy.items():
            sums[name].add(tally)
    return sums


def field_accuracy(tallies: Mapping[str, Tally]) -> float | None:
    right = sum(t.right for t in tallies.values())
    labelled = sum(t.total for t in tallies.values())
    return right / labelled if labelled else None


def overall(counts: Mapping[str, Counts]) -> Counts:
    """Every field's counts together: one micro-averaged figure."""
    out = Counts()
    for value in counts.values():
        out.add(value)
    return out


# --- matching -----------------------------------------------------------------------------


def normalise(text: str | None) -> str:
    """Casefolded, accent-free, punctuation-free words: for comparing, never for output."""
    if not text:
        return ""
    folded = ascii_fold(unicodedata.normalize("NFKC", text)).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


def title_similarity(a: str | None, b: str | None) -> float:
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    return float(fuzz.ratio(na, nb))


def title_variants(title: str) -> set[str]:
    """The title as predicted, without a `Format:` prefix, and without a `- Speaker` suffix."""
    variants = {normalise(title)}
    _, colon, rest = title.partition(":")
    if colon and rest.strip():
        variants.add(normalise(rest))
    parts = _SUFFIX.split(title)
    if len(parts) > 1:
        variants.add(normalise(parts[0]))
        if colon and rest.strip():
            variants.add(normalise(_SUFFIX.split(rest)[0]))
    variants.discard("")
    return variants


def _title_score(expected: str, predicted: set[str]) -> float:
    best = 0.0
    for candidate in predicted:
        similarity = float(fuzz.ratio(expected, candidate))
        # a page may add words around the title: accept clear containment
        if similarity < TITLE_THRESHOLD and min(len(expected), len(candidate)) >= MIN_CONTAINED \
                and float(fuzz.partial_ratio(expected, candidate)) >= 95:
            similarity = TITLE_THRESHOLD
        best = max(best, similarity)
    return best


def match_sessions(
    expected: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Pairs (expected index, predicted index): best title similarity first, slot and order break ties."""
    pred_titles = [title_variants(_title(p)) for p in predicted]
    candidates: list[tuple[Any, int, int]] = []
    for e_index, exp in enumerate(expected):
        e_title = normalise(_title(exp))
        if not e_title:
            continue
        for p_index, pred in enumerate(predicted):
            if not pred_titles[p_index]:
                continue
            similarity = _title_score(e_title, pred_titles[p_index])
            if similarity < TITLE_THRESHOLD:
                continue
            bonus = _slot_agreement(exp, pred) - abs(e_index / max(len(expected), 1) - p_index / max(len(predicted), 1))
            candidates.append(((-similarity, -bonus), e_index, p_index))
    return best_pairs(candidates)


def _slot_agreement(exp: Mapping[str, Any], pred: Mapping[str, Any]) -> float:
    """How many of day, start, end and room agree: tells apart same-titled parallel sessions."""
    e_slot, p_slot = exp.get("slot") or {}, pred.get("slot") or {}
    agree = 0.0
    for key in ("day", "start", "end"):
        if e_slot.get(key) and e_slot.get(key) == p_slot.get(key):
            agree += 1.0
    e_room = normalise((exp.get("room") or {}).get("name"))
    if e_room and e_room == normalise((pred.get("room") or {}).get("name")):
        agree += 1.0
    return agree


# --- fields ---------------------------------------------------------------------------------


def _score_pair(exp: Mapping[str, Any], pred: Mapping[str, Any] | None, score: PageScore, labels: bool) -> None:
    paired = pred is not None
    pred = pred or {}
    title = _title(exp)
    e_slot, p_slot = exp.get("slot") or {}, pred.get("slot") or {}
    for key in ("start", "end", "day"):
        _scalar(score, key, title, e_slot.get(key), p_slot.get(key), paired=paired)
    _scalar(score, "format", title, exp.get("format"), pred.get("format"), normalise, paired=paired)
    e_room, p_room = exp.get("room") or {}, pred.get("room") or {}
    if e_room.get("none"):  # labelled: this session has no room while others do
        _no_value(score, "room_name", "room", title, p_room.get("name"), paired)
    else:
        _scalar(score, "room_name", title, e_room.get("name"), p_room.get("name"), normalise, paired=paired,
                tally="room")
    _scalar(score, "room_provisional", title, e_room.get("provisional") if e_room.get("name") or
            e_room.get("provisional") else None, p_room.get("provisional"), tally=None)
    e_desc, p_desc = exp.get("description") or {}, pred.get("description") or {}
    _scalar(score, "description_provisional", title, e_desc.get("provisional"), p_desc.get("provisional"), tally=None)
    e_text = normalise(e_desc.get("text"))[:DESCRIPTION_PREFIX]
    p_text = normalise(p_desc.get("text"))[: len(e_text)] if e_text else None
    _scalar(score, "description_text", title, e_text or None, p_text or None, tally=None)
    people = list(pred.get("speakers") or [])
    if labels:
        speakers = [p for p in people if not p.get("role")]
        chairs = [p for p in people if p.get("role")]
        _people(score, "speaker_names", "speakers", title, exp.get("speakers") if exp.get("labelled_speakers")
                else None, speakers, paired)
        _people(score, "chairs", "chairs", title, _named(exp.get("chairs")), chairs, paired)
        # The labels list the organisations of the presenters (LABELS.md), not of the chairs.
        predicted_affiliations = _unique(p.get("affiliation") for p in speakers)
        _people(score, "affiliations", "affiliations", title, _named(exp.get("affiliations")),
                _named(predicted_affiliations), paired)
    else:
        _speakers(score, title, list(exp.get("speakers") or []), people, paired)


def _scalar(
    score: PageScore,
    name: str,
    title: str,
    expected: Any,
    got: Any,
    canon: Any = None,
    *,
    paired: bool = True,
    tally: str | None = "",
) -> None:
    if expected is None or expected == "":
        return
    counts = score.fields[name]
    e_value = canon(expected) if canon else expected
    g_value = (canon(got) if canon else got) if got is not None and got != "" else None
    right = g_value == e_value
    if g_value is None:
        counts.fn += 1
        score.mismatches.append(Mismatch(name, title, expected, got))
    elif right:
        counts.tp += 1
    else:
        counts.fp += 1
        counts.fn += 1
        score.mismatches.append(Mismatch(name, title, expected, got))
    tally = name if tally == "" else tally
    if paired and tally in score.accuracy:
        score.accuracy[tally].total += 1
        score.accuracy[tally].right += int(right)


def _no_value(score: PageScore, name: str, tally: str, title: str, got: Any, paired: bool) -> None:
    """The label says there is no value: any predicted value is a false positive."""
    if not paired:
        return
    wrong = got is not None and got != ""
    score.accuracy[tally].total += 1
    score.accuracy[tally].right += int(not wrong)
    if wrong:
        score.fields[name].fp += 1
        score.mismatches.append(Mismatch(name, title, None, got))


def _people(score: PageScore, name: str, tally: str, title: str, expected: Sequence[Mapping[str, Any]] | None,
            predicted: Sequence[Mapping[str, Any]] | None, paired: bool) -> None:
    """Names (or organisations) as a set per session; a missing label means nobody is shown."""
    counts = score.fields[name]
    expected = expected or []
    predicted = predicted or []
    pairs = _match_people(expected, predicted)
    counts.tp += len(pairs)
    counts.fn += len(expected) - len(pairs)
    counts.fp += len(predicted) - len(pairs) if paired else 0
    matched = dict(pairs)
    for e_index, exp in enumerate(expected):
        if e_index not in matched:
            score.mismatches.append(Mismatch(name, title, exp.get("name"), None))
    for p_index, pred in enumerate(predicted):
        if paired and p_index not in matched.values():
            score.mismatches.append(Mismatch(name, title, None, pred.get("name")))
    if paired and (expected or predicted):
        score.accuracy[tally].total += 1
        score.accuracy[tally].right += int(len(pairs) == len(expected) == len(predicted))


def _speakers(score: PageScore, title: str, expected: list[Mapping[str, Any]],
              predicted: list[Mapping[str, Any]], paired: bool) -> None:
    if not expected:
        return
    pairs = _match_people(expected, predicted)
    names = score.fields["speaker_names"]
    names.tp += len(pairs)
    names.fn += len(expected) - len(pairs)
    names.fp += len(predicted) - len(pairs)
    if paired:
        score.accuracy["speakers"].total += 1
        score.accuracy["speakers"].right += int(len(pairs) == len(expected) == len(predicted))
    paired_with = dict(pairs)
    for e_index, exp in enumerate(expected):
        if e_index not in paired_with:
            score.mismatches.append(Mismatch("speaker_names", title, exp.get("name"), None))
    for p_index, pred in enumerate(predicted):
        if p_index not in paired_with.values():
            score.mismatches.append(Mismatch("speaker_names", title, None, pred.get("name")))
    for e_index, exp in enumerate(expected):
        pred = predicted[paired_with[e_index]] if e_index in paired_with else {}
        _scalar(score, "speaker_affiliations", title, exp.get("affiliation"), pred.get("affiliation"), normalise,
                tally=None)
        e_titles = {normalise(t) for t in exp.get("titles") or [] if normalise(t)}
        if not e_titles:
            continue
        g_titles = {normalise(t) for t in pred.get("titles") or [] if normalise(t)}
        counts = score.fields["speaker_titles"]
        hits = e_titles & g_titles
        counts.tp += len(hits)
        counts.fn += len(e_titles - hits)
        counts.fp += len(g_titles - hits)
        if e_titles != g_titles:
            score.mismatches.append(
                Mismatch("speaker_titles", title, sorted(exp.get("titles") or []), sorted(pred.get("titles") or []))
            )


def _match_people(expected: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
                  ) -> list[tuple[int, int]]:
    candidates = []
    for e_index, exp in enumerate(expected):
        for p_index, pred in enumerate(predicted):
            similarity = title_similarity(exp.get("name"), pred.get("name"))
            if similarity >= NAME_THRESHOLD:
                candidates.append((-similarity, e_index, p_index))
    return best_pairs(candidates)


def _named(values: Iterable[str] | None) -> list[dict[str, Any]] | None:
    return None if values is None else [{"name": v} for v in values]


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        if value and normalise(value) not in seen:
            seen[normalise(value)] = value
    return list(seen.values())


def _title(session: Mapping[str, Any]) -> str:
    return str(session.get("title") or "")


def _as_dict(document: Programme | Mapping[str, Any] | None) -> Mapping[str, Any]:
    if document is None:
        return {}
    if isinstance(document, Programme):
        return document.model_dump(mode="json")
    return document


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
