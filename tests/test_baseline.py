"""Baselines: write one, gate only on new findings, and say which entries no longer occur.

Keys are code, path and message (which names the JSON pointer or slug), never line numbers.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from patternlint.baseline import Baseline, Entry, apply, identity
from patternlint.model import Severity, Span
from test_formats import FIXTURES, WEIGHT_MESSAGE, finding, make_library, only_rules, result_of, run

TYPO = "PL303-unresolved-inferred-link/fail-inferred-typo.md"
WEIGHT = "PL105-value-out-of-range/fail-weight.md"
SCORE = "PL105-value-out-of-range/fail-score-seven.md"


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    only_rules(monkeypatch, "PL105", "PL201", "PL303")
    return make_library(tmp_path, WEIGHT)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_round_trip(lib: Path) -> None:
    # Write: today's finding is recorded, and the run passes.
    code, out, err = run("check", "--no-cache", "--write-baseline", "baseline.json", "lib")
    assert (code, out, err) == (0, "", "patternlint: wrote 1 finding to the baseline `baseline.json`\n")
    named = WEIGHT_MESSAGE.replace("[0]", "[pass-accountability-partnership]")
    assert named != WEIGHT_MESSAGE
    assert (lib.parent / "baseline.json").read_text(encoding="utf-8") == (
        '{"version": 2, "tool": "patternlint", "findings": [\n'
        '  {"path": "lib/fail-weight.md", "pattern": "pat_01khvcxd3bexrv4887nxwg5135", "code": "PL105", '
        f'"rule": "value-out-of-range", "message": {json.dumps(WEIGHT_MESSAGE)}, "named": {json.dumps(named)}}}\n'
        "]}\n"
    )
    code, out, err = run("check", "--no-cache", "--baseline", "baseline.json", "lib")
    assert (code, out) == (0, "Checked 3 files: no problems found\n")
    assert err == "patternlint: baseline `baseline.json`: 1 known finding not reported\n"

    # A new defect: only it is reported.
    shutil.copy(FIXTURES / TYPO, lib)
    _edit(lib / "fail-inferred-typo.md", "weight: 0.88", "weight: 2.5")
    code, out, _ = run("check", "--no-cache", "-f", "concise", "--baseline", "baseline.json", "lib")
    assert code == 1
    assert out.splitlines() == [
        "lib/fail-inferred-typo.md:66:15: PL105 `relationships.enables[0].weight` is `2.5`; "
        "expected a number from `0` to `1`",
        "lib/fail-inferred-typo.md:91:15: PL303 inferred link target `pass-accountability-partnershp` "
        "is not a pattern in this library",
        "Checked 4 files: 1 error, 1 warning",
    ]

    # Fix the baselined one: its entry is reported as stale; the run still gates on the rest.
    _edit(lib / "fail-weight.md", "weight: 1.4", "weight: 0.4")
    code, out, err = run("check", "--no-cache", "-f", "concise", "--baseline", "baseline.json", "lib")
    assert code == 1 and out.splitlines()[-1] == "Checked 4 files: 1 error, 1 warning"
    assert err.splitlines() == [
        "patternlint: baseline `baseline.json`: 0 known findings not reported; 1 baseline entry no longer "
        "occurs (fixed or changed): run with `--write-baseline` to drop it",
        f"  no longer occurs: lib/fail-weight.md: PL105 {WEIGHT_MESSAGE}",
    ]


def test_edits_that_move_lines_keep_the_baseline_valid(lib: Path) -> None:
    run("check", "--no-cache", "--write-baseline", "baseline.json", "lib")
    _edit(lib / "fail-weight.md", "---\n", "---\n# one\n# two\n# three\n")
    moved = run("check", "--no-cache", "-f", "json", "lib")[1]
    assert json.loads(moved)["findings"][0]["line"] == 69  # it moved …
    assert run("check", "--no-cache", "--baseline", "baseline.json", "lib")[:2] == (
        0, "Checked 3 files: no problems found\n",  # … and is still known
    )


def test_a_new_finding_in_a_baselined_file_is_reported(lib: Path) -> None:
    run("check", "--no-cache", "--write-baseline", "baseline.json", "lib")
    _edit(
        lib / "fail-weight.md",
        "  requires: []\n",
        "  requires:\n    - slug: pass-peer-knowledge-exchange\n      weight: 1.4\n",
    )
    code, out, _ = run("check", "--no-cache", "-f", "concise", "--baseline", "baseline.json", "lib")
    assert code == 1
    assert out.splitlines() == [
        "lib/fail-weight.md:69:15: PL105 `relationships.requires[0].weight` is `1.4`; expected a number from `0` to `1`",
        "Checked 3 files: 1 error",
    ]


def test_paths_are_relative_to_the_baseline_file(lib: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (lib.parent / "ci").mkdir()
    run("check", "--no-cache", "--write-baseline", "ci/baseline.json", "lib")
    entry = json.loads((lib.parent / "ci" / "baseline.json").read_text(encoding="utf-8"))["findings"][0]
    assert entry["path"] == "../lib/fail-weight.md"
    monkeypatch.chdir(lib)  # another current folder: the same entries still match
    code, out, _ = run("check", "--no-cache", "--baseline", "../ci/baseline.json", ".")
    assert (code, out) == (0, "Checked 3 files: no problems found\n")


def test_stale_entries_only_for_files_this_run_checked_or_that_are_gone(lib: Path) -> None:
    shutil.copy(FIXTURES / SCORE, lib)
    run("check", "--no-cache", "--write-baseline", "baseline.json", "lib")
    baselined = json.loads((lib.parent / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["path"], e["code"]) for e in baselined] == [
        ("lib/fail-score-seven.md", "PL105"),
        ("lib/fail-score-seven.md", "PL201"),
        ("lib/fail-weight.md", "PL105"),
    ]
    # Checking one file says nothing about the other file's entries.
    code, _, err = run("check", "--no-cache", "--baseline", "baseline.json", "lib/fail-weight.md")
    assert code == 0 and err == "patternlint: baseline `baseline.json`: 1 known finding not reported\n"
    # A deleted file's entries can never match again: they are stale.
    (lib / "fail-score-seven.md").unlink()
    code, _, err = run("check", "--no-cache", "--baseline", "baseline.json", "lib/fail-weight.md")
    assert code == 0
    assert err.splitlines()[0].endswith("; 2 baseline entries no longer occur (fixed or changed): "
                                        "run with `--write-baseline` to drop them")
    assert [line.split(": ")[1] for line in err.splitlines()[1:]] == ["lib/fail-score-seven.md"] * 2


def test_quiet_baseline_run_prints_no_notes(lib: Path) -> None:
    run("check", "--no-cache", "--write-baseline", "baseline.json", "lib")
    _edit(lib / "fail-weight.md", "weight: 1.4", "weight: 0.4")
    assert run("check", "--no-cache", "-q", "--baseline", "baseline.json", "lib") == (0, "", "")


def test_write_baseline_of_a_clean_library(lib: Path) -> None:
    _edit(lib / "fail-weight.md", "weight: 1.4", "weight: 0.4")
    assert run("check", "--no-cache", "--write-baseline", "b.json", "lib")[0] == 0
    assert json.loads((lib.parent / "b.json").read_text(encoding="utf-8")) == {
        "version": 2, "tool": "patternlint", "findings": [],
    }


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (None, "patternlint: error: cannot read the baseline `b.json`: No such file or directory"),
        ("{", "patternlint: error: the baseline `b.json` is not valid JSON: "),
        ('{"findings": []}', "patternlint: error: `b.json` is not a patternlint baseline (version 2); "
                             "write one with `--write-baseline`"),
        ('{"version": 1, "findings": [{"path": "a.md"}]}',
         "patternlint: error: the baseline `b.json` has an entry without a `path`, `code` and `message`: "),
    ],
    ids=["missing", "not-json", "not-a-baseline", "bad-entry"],
)
def test_bad_baseline_is_a_usage_error(lib: Path, content: str | None, error: str) -> None:
    if content is not None:
        (lib.parent / "b.json").write_text(content, encoding="utf-8")
    code, out, err = run("check", "--no-cache", "--baseline", "b.json", "lib")
    assert (code, out) == (2, "")
    assert err.startswith(error) and err.count("\n") == 1


def test_identity_masks_line_numbers_only() -> None:
    assert identity("PL006", "lib/a.md", "key `status` appears again; it was first set on line 43") == (
        "PL006", "lib/a.md", "key `status` appears again; it was first set on line N",
    )
    assert identity("PL105", "lib/a.md", "`x` is `43`") == ("PL105", "lib/a.md", "`x` is `43`")


def test_apply_counts_entries(tmp_path: Path) -> None:
    twice = result_of(
        finding("a.md", "same", span=Span(3, 1, 3, 2)),
        finding("a.md", "same", span=Span(9, 1, 9, 2)),
        finding("a.md", "other", code="PL303", severity=Severity.WARNING),
    )
    (tmp_path / "a.md").write_text("", encoding="utf-8")
    baseline = Baseline((Entry("a.md", "PL105", "same"), Entry("a.md", "PL303", "gone")), tmp_path)
    kept, applied = apply(twice, baseline, tmp_path, ["a.md"], {})
    assert [(f.span.line, f.message) for f in kept.findings] == [(3, "other"), (9, "same")]
    assert applied.matched == 1 and applied.stale == (Entry("a.md", "PL303", "gone"),)


def test_a_baseline_of_changed_files_only_is_refused(lib: Path) -> None:
    code, out, err = run("check", "--no-cache", "--write-baseline", "b.json", "--changed-since", "HEAD", "lib")
    assert (code, out) == (2, "")
    assert err == (
        "patternlint: error: `--write-baseline` records a whole run; it cannot be combined with `--changed-since`\n"
    )
    assert not (lib.parent / "b.json").exists()


# ---------------------------------------------------------------------------------------------
# Identity: the pattern and the item a finding is about, not its path or its list position


BAD_INFERRED = "      confidence: 0.92\n      reason:"


def test_an_item_added_at_the_start_of_a_list_keeps_the_others_known(lib: Path) -> None:
    _edit(lib / "fail-weight.md", BAD_INFERRED, "      confidence: 1.92\n      reason:")
    assert run("check", "--no-cache", "-f", "concise", "lib")[1].splitlines()[:2] == [
        "lib/fail-weight.md:66:15: PL105 `relationships.enables[0].weight` is `1.4`; expected a number from `0` to `1`",
        "lib/fail-weight.md:93:19: PL105 `graph_garden.inferred_links[0].confidence` is `1.92`; "
        "expected a number from `0` to `1`",
    ]
    run("check", "--no-cache", "--write-baseline", "baseline.json", "lib")
    # A correct item first in each list: the two findings are now about item [1].
    _edit(lib / "fail-weight.md", "  inferred_links:\n", (
        "  inferred_links:\n    - target: pass-peer-knowledge-exchange\n      type: complementary\n"
        "      confidence: 0.5\n      reason: \"Both are about peers.\"\n"
    ))
    _edit(lib / "fail-weight.md", "  enables:\n", "  enables:\n    - slug: pass-peer-knowledge-exchange\n      weight: 0.5\n")
    moved = run("check", "--no-cache", "-f", "concise", "lib")[1].splitlines()
    assert [line.split(" ")[2] for line in moved[:2]] == [
        "`relationships.enables[1].weight`", "`graph_garden.inferred_links[1].confidence`",
    ]
    code, out, err = run("check", "--no-cache", "--baseline", "baseline.json", "lib")
    assert (code, out, err) == (
        0, "Checked 3 files: no problems found\n", "patternlint: baseline `baseline.json`: 2 known findings not reported\n"
    )


def test_a_renamed_file_keeps_its_findings_known(lib: Path) -> None:
    run("check", "--no-cache", "--write-baseline", "baseline.json", "lib")
    (lib / "fail-weight.md").rename(lib / "peer-learning.md")
    code, out, err = run("check", "--no-cache", "--baseline", "baseline.json", "lib")
    assert (code, out, err) == (
        0, "Checked 3 files: no problems found\n", "patternlint: baseline `baseline.json`: 1 known finding not reported\n"
    )


def test_a_baseline_of_version_1_still_loads(lib: Path) -> None:
    (lib.parent / "old.json").write_text(
        '{"version": 1, "tool": "patternlint", "findings": [\n'
        '  {"path": "lib/fail-weight.md", "code": "PL105", "rule": "value-out-of-range", '
        f'"message": {json.dumps(WEIGHT_MESSAGE)}}}\n'
        "]}\n",
        encoding="utf-8",
    )
    code, out, err = run("check", "--no-cache", "--baseline", "old.json", "lib")
    assert (code, out, err) == (
        0, "Checked 3 files: no problems found\n", "patternlint: baseline `old.json`: 1 known finding not reported\n"
    )
    _edit(lib / "fail-weight.md", "weight: 1.4", "weight: 0.4")  # fixed: the old entry is stale
    code, _, err = run("check", "--no-cache", "--baseline", "old.json", "lib")
    assert code == 0 and err.splitlines()[1] == f"  no longer occurs: lib/fail-weight.md: PL105 {WEIGHT_MESSAGE}"


def test_baselined_findings_are_not_counted_as_fixable(lib: Path) -> None:
    shutil.copy(FIXTURES / SCORE, lib)
    code, _, err = run("check", "--no-cache", "--select", "PL201", "lib")
    assert (code, err) == (1, "patternlint: 1 finding can be fixed with `--fix`\n")
    run("check", "--no-cache", "--select", "PL201", "--write-baseline", "baseline.json", "lib")
    code, out, err = run("check", "--no-cache", "--select", "PL201", "--baseline", "baseline.json", "lib")
    assert (code, out, err) == (
        0, "Checked 4 files: no problems found\n", "patternlint: baseline `baseline.json`: 1 known finding not reported\n"
    )


def test_a_file_without_id_or_slug_is_keyed_by_its_path(tmp_path: Path) -> None:
    from patternlint.baseline import Subject

    found = result_of(finding("a.md", "`relationships.enables[0].weight` is `2`"))
    (tmp_path / "a.md").write_text("", encoding="utf-8")
    entry = Entry("a.md", "PL105", "`relationships.enables[0].weight` is `2`", None, None)
    kept, applied = apply(found, Baseline((entry,), tmp_path), tmp_path, ["a.md"], {})
    assert (kept.findings, applied.matched) == ((), 1)
    assert Subject(None, {"relationships.enables[0]": "relationships.enables[x]"}).named(
        "`relationships.enables[0].weight` and `tags[0]`"
    ) == "`relationships.enables[x].weight` and `tags[0]`"


def test_a_result_kept_in_the_cache_is_keyed_the_same(lib: Path) -> None:
    run("check", "--no-cache", "--write-baseline", "baseline.json", "lib")
    _edit(lib / "fail-weight.md", "  enables:\n", "  enables:\n    - slug: pass-peer-knowledge-exchange\n      weight: 0.5\n")
    first = run("check", "--cache-dir", "cache", "--baseline", "baseline.json", "lib")
    again = run("check", "--cache-dir", "cache", "--baseline", "baseline.json", "lib")  # the kept result
    assert first == again == (
        0, "Checked 3 files: no problems found\n", "patternlint: baseline `baseline.json`: 1 known finding not reported\n"
    )
