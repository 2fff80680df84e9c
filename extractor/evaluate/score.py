"""Accuracy of a parsed Programme against labelled expectations. Pure: no I/O, no parsing.

Sessions are paired by normalised title similarity (rapidfuzz), slot agreement breaking ties between
look-alike titles ("Pause", "Coffee break"). Each field is then scored only where the expected label
has a value: a right value is a true positive, a missing one a false negative, a wrong one both a
false positive and a false negative. Lists (speaker names, affiliations, titles) count per item.

An expected document is the JSON of samples/*.expected.json: a Programme, with or without `source`.
It may add `"evaluation": {"complete": false}` when its labels are known to lack sessions the page
shows (a schedule export without the breaks, say): predicted sessions left unmatched are then not
counted as false positives; and `"evaluation": {"layout": "L1"}` to group pages by layout family.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from extractor.models import Programme
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
    "description_provisional",
    "description_text",
)
TITLE_THRESHOLD = 80.0
NAME_THRESHOLD = 88.0
DESCRIPTION_PREFIX = 60

_NON_WORD = re.compile(r"[\W_]+")


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
    mismatches: list[Mismatch] = field(default_factory=list)
    error: str | None = None
    crashed: bool = False
    layout: str | None = None

    def as_dict(self, with_mismatches: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "expected_sessions": self.expected_sessions,
            "predicted_sessions": self.predicted_sessions,
            "error": self.error,
            "crashed": self.crashed,
            "layout": self.layout,
            "fields": {name: counts.as_dict() for name, counts in self.fields.items()},
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
    score = PageScore(name=name, expected_sessions=len(exp_sessions), predicted_sessions=len(pred_sessions))
    score.layout = settings.get("layout")
    pairs = match_sessions(exp_sessions, pred_sessions)
    matched_pred = {p for _, p in pairs}
    matched_exp = {e for e, _ in pairs}
    counts = score.fields
    for e_index, p_index in pairs:
        counts["session"].tp += 1
        _score_pair(exp_sessions[e_index], pred_sessions[p_index], score)
    for e_index, exp in enumerate(exp_sessions):
        if e_index not in matched_exp:
            counts["session"].fn += 1
            score.mismatches.append(Mismatch("session", _title(exp), _title(exp), None))
            _score_pair(exp, None, score)
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


def match_sessions(
    expected: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """Pairs (expected index, predicted index): best title similarity first, slot and order break ties."""
    candidates: list[tuple[float, float, int, int]] = []
    for e_index, exp in enumerate(expected):
        e_title = normalise(_title(exp))
        for p_index, pred in enumerate(predicted):
            p_title = normalise(_title(pred))
            if not e_title or not p_title:
                continue
            similarity = float(fuzz.ratio(e_title, p_title))
            if similarity < TITLE_THRESHOLD:
                # a page may add a prefix or suffix to the title ("Keynote: …"): accept containment
                partial = float(fuzz.partial_ratio(e_title, p_title)) if min(len(e_title), len(p_title)) >= 12 else 0
                if partial < 95:
                    continue
                similarity = TITLE_THRESHOLD
            bonus = _slot_agreement(exp, pred) - abs(e_index / max(len(expected), 1) - p_index / max(len(predicted), 1))
            candidates.append((similarity, bonus, e_index, p_index))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used_e: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, e_index, p_index in candidates:
        if e_index in used_e or p_index in used_p:
            continue
        used_e.add(e_index)
        used_p.add(p_index)
        pairs.append((e_index, p_index))
    return sorted(pairs)


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


def _score_pair(exp: Mapping[str, Any], pred: Mapping[str, Any] | None, score: PageScore) -> None:
    pred = pred or {}
    title = _title(exp)
    e_slot, p_slot = exp.get("slot") or {}, pred.get("slot") or {}
    for key in ("start", "end", "day"):
        _scalar(score, key, title, e_slot.get(key), p_slot.get(key))
    _scalar(score, "format", title, exp.get("format"), pred.get("format"), normalise)
    e_room, p_room = exp.get("room") or {}, pred.get("room") or {}
    _scalar(score, "room_name", title, e_room.get("name"), p_room.get("name"), normalise)
    _scalar(score, "room_provisional", title, e_room.get("provisional"), p_room.get("provisional"))
    e_desc, p_desc = exp.get("description") or {}, pred.get("description") or {}
    _scalar(score, "description_provisional", title, e_desc.get("provisional"), p_desc.get("provisional"))
    e_text = normalise(e_desc.get("text"))[:DESCRIPTION_PREFIX]
    p_text = normalise(p_desc.get("text"))[: len(e_text)] if e_text else None
    _scalar(score, "description_text", title, e_text or None, p_text or None)
    _speakers(score, title, list(exp.get("speakers") or []), list(pred.get("speakers") or []))


def _scalar(
    score: PageScore,
    name: str,
    title: str,
    expected: Any,
    got: Any,
    canon: Any = None,
) -> None:
    if expected is None or expected == "":
        return
    counts = score.fields[name]
    e_value = canon(expected) if canon else expected
    g_value = (canon(got) if canon else got) if got is not None and got != "" else None
    if g_value is None:
        counts.fn += 1
        score.mismatches.append(Mismatch(name, title, expected, got))
    elif g_value == e_value:
        counts.tp += 1
    else:
        counts.fp += 1
        counts.fn += 1
        score.mismatches.append(Mismatch(name, title, expected, got))


def _speakers(
    score: PageScore, title: str, expected: list[Mapping[str, Any]], predicted: list[Mapping[str, Any]]
) -> None:
    if not expected:
        return
    pairs = _match_people(expected, predicted)
    names = score.fields["speaker_names"]
    names.tp += len(pairs)
    names.fn += len(expected) - len(pairs)
    names.fp += len(predicted) - len(pairs)
    paired = dict(pairs)
    for e_index, exp in enumerate(expected):
        if e_index not in paired:
            score.mismatches.append(Mismatch("speaker_names", title, exp.get("name"), None))
    for p_index, pred in enumerate(predicted):
        if p_index not in paired.values():
            score.mismatches.append(Mismatch("speaker_names", title, None, pred.get("name")))
    for e_index, exp in enumerate(expected):
        pred = predicted[paired[e_index]] if e_index in paired else {}
        _scalar(score, "speaker_affiliations", title, exp.get("affiliation"), pred.get("affiliation"), normalise)
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


def _match_people(expected: list[Mapping[str, Any]], predicted: list[Mapping[str, Any]]) -> list[tuple[int, int]]:
    candidates = []
    for e_index, exp in enumerate(expected):
        for p_index, pred in enumerate(predicted):
            similarity = title_similarity(exp.get("name"), pred.get("name"))
            if similarity >= NAME_THRESHOLD:
                candidates.append((similarity, e_index, p_index))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_e: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, e_index, p_index in candidates:
        if e_index not in used_e and p_index not in used_p:
            used_e.add(e_index)
            used_p.add(p_index)
            pairs.append((e_index, p_index))
    return pairs


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
