"""The agreement figures reported for the two section raters are computed correctly."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "labelling" / "sections_agreement.py"


@pytest.fixture(scope="module")
def agreement():
    spec = importlib.util.spec_from_file_location("sections_agreement", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_kappa_is_one_for_identical_and_zero_for_chance_agreement(agreement):
    assert agreement.kappa([True, False, True], [True, False, True]) == 1.0
    # a agrees with b exactly as often as their marginals predict
    assert agreement.kappa([True, True, False, False], [True, False, True, False]) == 0.0
    assert agreement.kappa([True, False], [False, True]) < 0


def test_f1_counts_found_against_missing(agreement):
    assert agreement.f1([True, True, False, False], [True, False, True, False]) == 0.5
    assert agreement.f1([False, False], [False, False]) == 1.0
    assert agreement.f1([True], [False]) == 0.0


def test_spearman_ranks_ties_by_their_mean(agreement):
    assert agreement.spearman([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)
    assert agreement.spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert agreement.spearman([1, 1, 2], [5, 5, 9]) == pytest.approx(1.0)


def test_a_posting_labelled_twice_counts_once_and_gives_a_retest_pair(agreement, tmp_path,
                                                                       monkeypatch):
    def label(n, posting_id, benefits):
        state = dict.fromkeys(agreement.SECTIONS, "missing")
        state["benefits"] = benefits
        return json.dumps({"n": n, "id": posting_id, "state": state, "quality": 3})

    (tmp_path / "rater_a.part1.jsonl").write_text(label(0, "x:1", "present") + "\n")
    (tmp_path / "rater_a.part10.jsonl").write_text(label(0, "x:1", "thin") + "\n")
    (tmp_path / "rater_a.part2.jsonl").write_text(label(1, "x:2", "missing") + "\n")
    monkeypatch.setattr(agreement, "RATINGS", tmp_path)
    first, repeats = agreement.load_rater("a")
    assert sorted(first) == ["x:1", "x:2"]
    assert first["x:1"]["state"]["benefits"] == "present"  # part1 before part10, not by name
    assert [(x["state"]["benefits"], y["state"]["benefits"]) for x, y in repeats] == [
        ("present", "thin")]
