"""The accuracy harness: evaluate.py (pure scoring), accuracy.py (corpus runs), `extractor eval`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor.cli import main
from extractor.evaluate import corpus as accuracy
from extractor.evaluate.score import FIELDS, evaluate, match_sessions, normalise, overall, total


def _session(title: str, **kw: Any) -> dict[str, Any]:
    return {
        "title": title,
        "slot": {"day": kw.get("day"), "start": kw.get("start"), "end": kw.get("end"), "raw": None},
        "format": kw.get("format"),
        "room": kw.get("room"),
        "speakers": kw.get("speakers", []),
        "description": kw.get("description"),
    }


def _room(name: str | None, provisional: bool = False) -> dict[str, Any]:
    return {"name": name, "provisional": provisional, "raw": name or "Salle à venir"}


def _person(name: str, affiliation: str | None = None, titles: list[str] | None = None) -> dict[str, Any]:
    return {"name": name, "credentials": [], "titles": titles or [], "affiliation": affiliation, "raw": name}


def _doc(*sessions: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"sessions": list(sessions), **extra}


FULL = _session(
    "Études de cas : la ville intelligente",
    day="2025-11-19",
    start="13:30",
    end="14:45",
    format="Études de cas",
    room=_room(None, provisional=True),
    speakers=[_person("Geneviève Baril", "Cité-ID de l'ÉNAP", ["Codirectrice stratégie et innovation"])],
    description={
        "text": "Cette étude de cas porte sur la ville.",
        "provisional": True,
        "label": "Description",
    },
)


def test_identical_documents_score_one_everywhere_labelled() -> None:
    score = evaluate(_doc(FULL), _doc(FULL))
    for name in FIELDS:
        counts = score.fields[name]
        if name == "room_name":  # the expected room has no name: not a label
            assert counts.labels == 0 and counts.f1 is None
        elif name in ("chairs", "affiliations"):  # scored only against hand labels (labels.json)
            assert counts.labels == 0
        else:
            assert (counts.tp, counts.fp, counts.fn) == (1, 0, 0), name
    assert score.mismatches == []


def test_wrong_value_is_false_positive_and_negative_missing_is_negative() -> None:
    predicted = _session("etudes de cas  la ville intelligente", day="2025-11-19", start="13:00")
    score = evaluate(_doc(predicted), _doc(FULL))
    assert score.fields["session"].tp == 1  # titles match after normalisation
    assert (score.fields["start"].fp, score.fields["start"].fn) == (1, 1)
    assert (score.fields["end"].fp, score.fields["end"].fn) == (0, 1)
    assert score.fields["day"].tp == 1
    assert score.fields["speaker_names"].fn == 1
    assert score.fields["speaker_affiliations"].fn == 1
    assert score.fields["speaker_titles"].fn == 1
    assert {m.field for m in score.mismatches} >= {"start", "end", "speaker_names"}


def test_unlabelled_fields_do_not_count() -> None:
    expected = _session("Keynote")
    predicted = _session("Keynote", start="09:00", room=_room("Great Hall"), speakers=[_person("Ada")])
    score = evaluate(_doc(predicted), _doc(expected))
    assert score.fields["session"].f1 == 1.0
    assert all(score.fields[f].labels == 0 and score.fields[f].fp == 0 for f in FIELDS if f != "session")


def test_unmatched_sessions() -> None:
    score = evaluate(_doc(_session("Lunch"), _session("Totally different")), _doc(FULL, _session("Lunch")))
    session = score.fields["session"]
    assert (session.tp, session.fp, session.fn) == (1, 1, 1)
    # every label of the missing session is a false negative
    assert score.fields["start"].fn == 1 and score.fields["description_text"].fn == 1


def test_incomplete_labels_do_not_penalise_extra_sessions() -> None:
    expected = _doc(_session("Talk one"), evaluation={"complete": False})
    score = evaluate(_doc(_session("Talk one"), _session("Coffee break")), expected)
    assert (score.fields["session"].tp, score.fields["session"].fp) == (1, 0)


def test_same_titles_are_told_apart_by_slot_and_room() -> None:
    expected = [
        _session("Pause", start="10:00", room=_room("Agora")),
        _session("Pause", start="15:00", room=_room("Hall")),
    ]
    predicted = [
        _session("Pause", start="15:00", room=_room("Hall")),
        _session("Pause", start="10:00", room=_room("Agora")),
    ]
    assert match_sessions(expected, predicted) == [(0, 1), (1, 0)]
    score = evaluate(_doc(*predicted), _doc(*expected))
    assert score.fields["start"].f1 == 1.0 and score.fields["room_name"].f1 == 1.0


def test_title_with_a_prefix_still_matches() -> None:
    expected = [_session("Open OnDemand at scale in the cloud")]
    predicted = [_session("Keynote: Open OnDemand at scale in the cloud")]
    assert match_sessions(expected, predicted) == [(0, 0)]
    assert match_sessions([_session("Pause")], [_session("Pause café prolongée")]) == []


def test_description_prefix_and_provisional() -> None:
    long_text = "Cette étude de cas porte sur " + "la ville " * 20
    expected = _session("A", description={"text": long_text, "provisional": False, "label": None})
    same_start = _session("A", description={"text": long_text[:70] + " autre fin", "provisional": True})
    score = evaluate(_doc(same_start), _doc(expected))
    assert score.fields["description_text"].tp == 1
    assert (score.fields["description_provisional"].fp, score.fields["description_provisional"].fn) == (1, 1)
    other = _session("A", description={"text": "Autre chose", "provisional": False})
    assert evaluate(_doc(other), _doc(expected)).fields["description_text"].f1 == 0.0


def test_speakers_are_paired_by_name() -> None:
    expected = _session("A", speakers=[_person("Ann Lee", "OSC"), _person("Bo Ma", "MIT"), _person("Cy Do")])
    predicted = _session("A", speakers=[_person("Bo Ma", "Harvard"), _person("ann lee", "OSC"), _person("Zed")])
    score = evaluate(_doc(predicted), _doc(expected))
    names = score.fields["speaker_names"]
    assert (names.tp, names.fp, names.fn) == (2, 1, 1)
    affiliations = score.fields["speaker_affiliations"]
    assert (affiliations.tp, affiliations.fp, affiliations.fn) == (1, 1, 1)


def test_failed_parse_scores_every_label_as_missed() -> None:
    score = evaluate(None, _doc(FULL))
    assert score.fields["session"].fn == 1 and score.fields["session"].f1 == 0.0
    assert score.predicted_sessions == 0


def test_totals_and_overall_are_micro_averaged() -> None:
    scores = [evaluate(_doc(FULL), _doc(FULL)), evaluate(None, _doc(FULL))]
    sums = total(scores)
    assert (sums["session"].tp, sums["session"].fn) == (1, 1)
    assert sums["session"].precision == 1.0 and sums["session"].recall == 0.5
    everything = overall(sums)
    assert everything.tp == sum(c.tp for c in sums.values())


def test_normalise() -> None:
    assert normalise("  L’Étude\u00a0de CAS — 2 ") == "l etude de cas 2"
    assert normalise(None) == ""


def test_programme_models_are_accepted() -> None:
    from extractor.models import Programme

    programme = Programme.model_validate(
        {
            "source": {
                "location": "x",
                "kind": "text",
                "sha256": "0" * 64,
                "retrieved_at": "2025-01-01T00:00:00Z",
            },
            "sessions": [{"id": "lunch", "title": "Lunch", "slot": {"start": "12:00"}}],
        }
    )
    score = evaluate(programme, _doc(_session("Lunch", start="12:00")))
    assert score.fields["start"].tp == 1


# --- accuracy.py and the CLI ----------------------------------------------------------------


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text("Lunch 12:00", encoding="utf-8")
    (tmp_path / "good.expected.json").write_text(json.dumps(_doc(_session("Lunch", start="12:00"))))
    (tmp_path / "boom.html").write_text("<p>boom</p>", encoding="utf-8")
    (tmp_path / "boom.expected.json").write_text(json.dumps(_doc(_session("Keynote"))))
    (tmp_path / "unlabelled.html").write_text("<p>x</p>", encoding="utf-8")
    return tmp_path


def _fake_parser(data: bytes, location: str) -> dict[str, Any]:
    if b"boom" in data:
        raise ValueError("parser exploded")
    if b"refuse" in data:
        from extractor.errors import ParseError

        raise ParseError("no programme found")
    return _doc(_session("Lunch", start="12:00"))


def test_corpus_run_survives_a_crashing_page(tmp_path: Path) -> None:
    report = accuracy.evaluate_directory(_corpus(tmp_path), _fake_parser)  # type: ignore[arg-type]
    assert [p.name for p in report.pages] == ["boom", "good"]
    boom, good = report.pages
    assert boom.error is not None and "parser exploded" in boom.error and boom.crashed
    assert good.error is None and good.fields["start"].f1 == 1.0
    assert len(report.crashes) == 1 and report.failures == []
    table = accuracy.render_table(report)
    assert "CRASH" in table and "TOTAL F1" in table and "overall" in table
    data = report.as_dict()
    assert data["crashes"] == 1 and data["totals"]["session"]["tp"] == 1


def test_a_refused_page_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "no.txt").write_text("refuse", encoding="utf-8")
    (tmp_path / "no.expected.json").write_text(json.dumps(_doc(_session("Keynote"))))
    report = accuracy.evaluate_directory(tmp_path, _fake_parser)  # type: ignore[arg-type]
    (page,) = report.pages
    assert not page.crashed and page.error == "ParseError: no programme found"
    assert report.crashes == [] and len(report.failures) == 1
    assert "FAILED" in accuracy.render_table(report)
    assert page.fields["session"].fn == 1


def test_find_pages_rejects_bad_input(tmp_path: Path) -> None:
    from extractor.errors import InputError

    with pytest.raises(InputError):
        accuracy.find_pages(tmp_path / "missing")
    (tmp_path / "x.txt").write_text("x")
    (tmp_path / "x.expected.json").write_text("{not json")
    with pytest.raises(InputError):
        accuracy.find_pages(tmp_path)


def test_eval_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(accuracy, "default_parser", _fake_parser)
    corpus = _corpus(tmp_path)
    assert main(["eval", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "good" in out and "TOTAL F1" in out
    assert main(["eval", str(corpus), "--json", "--details"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {p["name"] for p in report["pages"]} == {"boom", "good"}
    assert report["pages"][0]["mismatches"]
    assert main(["eval", str(corpus), "--fail-under", "0.99"]) == 1
    capsys.readouterr()
    assert main(["eval", str(tmp_path / "nope")]) == 2
    assert "not a directory" in capsys.readouterr().err


# --- the shared corpus through the whole harness (skipped when absent) ----------------------


def test_shared_corpus_truth_converts() -> None:
    from bench.truth import PAGES, corpus_dir, expected_for

    corpus = corpus_dir()
    if corpus is None:
        pytest.skip("shared corpus absent (../shared/corpus): converters not exercised")
    for page in PAGES:
        expected = expected_for(page, corpus)
        assert expected["sessions"], page.name
        for session in expected["sessions"]:
            assert session["title"]
            slot = session["slot"]
            for key in ("start", "end"):
                assert slot[key] is None or (len(slot[key]) == 5 and slot[key][2] == ":")


def test_layout_groups(tmp_path: Path) -> None:
    for name, layout in (("a", "L1"), ("b", "L1"), ("c", "L2")):
        (tmp_path / f"{name}.txt").write_text("Lunch", encoding="utf-8")
        doc = _doc(_session("Lunch", start="12:00"), evaluation={"layout": layout})
        (tmp_path / f"{name}.expected.json").write_text(json.dumps(doc))
    report = accuracy.evaluate_directory(tmp_path, _fake_parser)  # type: ignore[arg-type]
    groups = report.by_layout()
    assert list(groups) == ["L1", "L2"]
    assert groups["L1"]["session"].tp == 2 and groups["L2"]["start"].f1 == 1.0
    assert report.as_dict()["layouts"]["L1"]["pages"] == 2
    assert "F1 L1" in accuracy.render_table(report)


def test_bench_script_on_shared_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    from bench.accuracy import main as bench_main
    from bench.truth import corpus_dir

    if corpus_dir() is None:
        pytest.skip("shared corpus absent (../shared/corpus): bench/accuracy.py --shared not run")
    assert bench_main(["--shared", "--structured-only", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    pages = {page["name"]: page for page in report["pages"]}
    assert pages["good2025-pretalx"]["fields"]["session"]["f1"] >= 0.9
    assert pages["techbash2022-sessionize"]["fields"]["speaker_names"]["f1"] >= 0.9
    assert report["crashes"] == 0
    assert "structured-pretalx" in report["layouts"]


# --- hand labels (labels.json) ----------------------------------------------------------------


def _labels(*sessions: dict[str, Any]) -> dict[str, Any]:
    from extractor.evaluate.labels import expected_from_labels

    return expected_from_labels({"input": "page.html", "language": "en", "sessions": list(sessions)})


def test_labels_keep_chairs_apart_and_affiliations_per_session() -> None:
    expected = _labels({"title": "Paper session", "start": "09:00", "speaker_names": ["Ann Lee", "Bo Ma"],
                        "affiliations": ["OSC", "MIT"], "chairs": ["Cy Do"]})
    chair = {**_person("Cy Do"), "role": "chair"}
    predicted = _session("Paper session", start="09:00",
                         speakers=[_person("Ann Lee", "OSC"), _person("Bo Ma", "MIT"), chair])
    score = evaluate(_doc(predicted), expected)
    assert (score.fields["speaker_names"].tp, score.fields["speaker_names"].fp) == (2, 0)
    assert score.fields["chairs"].tp == 1 and score.fields["affiliations"].tp == 2
    assert score.field_accuracy == 1.0
    # the chair read as a speaker: one extra speaker, one missing chair, both fields wrong
    as_speaker = _session("Paper session", start="09:00",
                          speakers=[_person("Ann Lee", "OSC"), _person("Bo Ma", "MIT"), _person("Cy Do")])
    score = evaluate(_doc(as_speaker), expected)
    assert score.fields["speaker_names"].fp == 1 and score.fields["chairs"].fn == 1
    assert score.accuracy["speakers"].right == 0 and score.accuracy["chairs"].right == 0


def test_labels_room_null_and_missing_keys_mean_nothing_is_shown() -> None:
    expected = _labels({"title": "Lunch", "start": "12:00", "room": None})
    quiet = evaluate(_doc(_session("Lunch", start="12:00")), expected)
    assert quiet.field_accuracy == 1.0 and quiet.fields["room_name"].fp == 0
    noisy = evaluate(_doc(_session("Lunch", start="12:00", room=_room("Hall"),
                                   speakers=[_person("Lunch Team")])), expected)
    assert noisy.fields["room_name"].fp == 1 and noisy.fields["speaker_names"].fp == 1
    assert noisy.accuracy["room"].right == 0 and noisy.accuracy["speakers"].total == 1
    assert noisy.field_accuracy == 1 / 3


def test_labels_match_prefixed_suffixed_and_decorated_titles() -> None:
    expected = [{"title": "Opening"}, {"title": "Scaling Postgres"}, {"title": "Coffee"}]
    predicted = [_session("Keynote: Opening"), _session("Scaling Postgres - Ann Lee"), _session("☕ Coffee")]
    assert match_sessions(expected, predicted) == [(0, 0), (1, 1), (2, 2)]
    assert match_sessions([{"title": "Lunch"}], [_session("Keynote: Opening")]) == []


def test_find_pages_reads_label_folders(tmp_path: Path) -> None:
    folder = tmp_path / "conf2024"
    folder.mkdir()
    (folder / "page.html").write_text("<p>Lunch 12:00</p>", encoding="utf-8")
    (folder / "labels.json").write_text(json.dumps(
        {"input": "page.html", "language": "en", "sessions": [{"title": "Lunch", "start": "12:00"}]}))
    (found,) = accuracy.find_pages(tmp_path)
    assert found.name == "conf2024" and found.expected["evaluation"]["labels"] is True
    assert [p.name for p in accuracy.find_pages(folder)] == ["conf2024"]
    report = accuracy.evaluate_pages([found], _fake_parser)  # type: ignore[arg-type]
    assert report.pages[0].fields["start"].tp == 1
    assert "field accuracy" in accuracy.render_table(report)
