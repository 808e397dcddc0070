"""scripts/bench/lighthouse reads Lighthouse's JSON reports right: the scores per category, the
targets met or not, and the audits that cost points where a target is missed. The fixture is
a real report of the map page (Lighthouse 12.2.3), trimmed to a few audits per category."""

import copy
import json
import sys
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "scripts" / "bench"
REPORT = json.loads((Path(__file__).parent / "data" / "lighthouse-map.json").read_text())


@pytest.fixture(scope="module")
def lighthouse():
    sys.path.insert(0, str(BENCH))  # the script imports serving.py beside it
    try:
        loader = SourceFileLoader("bench_lighthouse", str(BENCH / "lighthouse"))
        module = module_from_spec(spec_from_loader(loader.name, loader))
        loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def with_scores(report: dict, **scores: float | None) -> dict:
    changed = copy.deepcopy(report)
    for name, score in scores.items():
        changed["categories"][name.replace("_", "-")]["score"] = score
    return changed


def test_scores_are_read_per_category_out_of_100(lighthouse):
    row = lighthouse.summary(REPORT)
    assert row["scores"] == {
        "performance": 76,
        "accessibility": 100,
        "best-practices": 96,
        "seo": 91,
    }


def test_only_scored_audits_below_full_marks_count_as_failing(lighthouse):
    failing = lighthouse.summary(REPORT)["failing"]
    ids = {name: [audit_id for audit_id, _, _ in audits] for name, audits in failing.items()}
    assert "total-blocking-time" in ids["performance"]
    assert ("total-blocking-time", "Total Blocking Time", "810\xa0ms") in failing["performance"]
    assert ids["best-practices"] == ["image-size-responsive"]
    assert ids["accessibility"] == []  # its passing and not applicable audits are left out
    assert ids["seo"] == ["meta-description"]


def test_table_says_which_targets_are_missed(lighthouse):
    rows = {
        "/": lighthouse.summary(REPORT),
        "/list": lighthouse.summary(with_scores(REPORT, performance=0.95, best_practices=0.95)),
        "/offers/1": lighthouse.summary(with_scores(REPORT, performance=1, accessibility=0.99)),
    }
    lines = lighthouse.table(rows).splitlines()
    assert lines[2] == "| / | 76 | 100 | 96 | 91 | NOT MET: performance |"
    assert lines[3] == "| /list | 95 | 100 | 95 | 91 | met |"
    assert lines[4] == "| /offers/1 | 100 | 99 | 96 | 91 | NOT MET: accessibility |"
    assert [lighthouse.met(row) for row in rows.values()] == [False, True, False]


def test_a_category_without_a_score_misses_its_target(lighthouse):
    row = lighthouse.summary(with_scores(REPORT, accessibility=None))
    assert lighthouse.below_target(row) == ["accessibility", "performance"]
    assert "| / | 76 | - | 96 |" in lighthouse.table({"/": row})


def test_failing_audits_are_listed_only_for_categories_below_target(lighthouse):
    text = lighthouse.failing_audits_text({"/": lighthouse.summary(REPORT)})
    assert "/, performance (76):" in text
    assert "  total-blocking-time: Total Blocking Time (810\xa0ms)" in text
    assert "image-size-responsive" not in text  # best practices: 96 meets its target
    assert "meta-description" not in text  # SEO has no target
    assert (
        lighthouse.failing_audits_text(
            {"/": lighthouse.summary(with_scores(REPORT, performance=1))}
        )
        == ""
    )


def test_blank_tiles_are_png_squares_of_the_asked_size(lighthouse):
    tile = lighthouse.blank_png(256)
    assert tile.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(tile[16:20], "big") == int.from_bytes(tile[20:24], "big") == 256


def test_of_several_runs_the_one_with_the_median_performance_counts(lighthouse):
    runs = [lighthouse.summary(with_scores(REPORT, performance=p)) for p in (0.9, 0.7, 0.95)]
    assert lighthouse.median_run(runs)["scores"]["performance"] == 90
    assert lighthouse.median_run(runs[:2])["scores"]["performance"] == 70  # the lower middle
