"""The check as a service, without Typer: a request in, an outcome out, nothing printed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from patternlint.result import UsageError
from patternlint.service import EXIT_CLEAN, EXIT_FINDINGS, CheckRequest, Fixing, Gate, Message, Selection, run

FIXTURES = Path(__file__).parent / "fixtures"
MISNUMBERED = FIXTURES / "PL402-misnumbered-section"
NO_CACHE = Selection(select=("PL105", "PL402"), no_cache=True)


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    """The valid pair, a file with a PL105 error, one with a PL303 warning, and one with a
    heading PL402 can fix."""
    folder = tmp_path / "lib"
    folder.mkdir()
    for name in ("pass-peer-knowledge-exchange.md", "pass-accountability-partnership.md", "fail-wrong-number.md"):
        shutil.copy(MISNUMBERED / name, folder / name)
    shutil.copy(FIXTURES / "PL105-value-out-of-range" / "fail-weight.md", folder / "fail-weight.md")
    shutil.copy(FIXTURES / "PL303-unresolved-inferred-link" / "fail-inferred-typo.md", folder / "fail-inferred-typo.md")
    return folder


def request(lib: Path, **fields: object) -> CheckRequest:
    given: dict[str, object] = {"paths": (lib,), "cwd": lib.parent, "selection": NO_CACHE, **fields}
    return CheckRequest(**given)  # type: ignore[arg-type]


def test_a_check_comes_to_a_result_notes_and_an_exit_code(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = run(request(lib))
    assert outcome.exit_code == EXIT_FINDINGS
    assert outcome.result is not None
    assert [(f.path, f.code) for f in outcome.result.findings] == [
        ("lib/fail-weight.md", "PL105"),
        ("lib/fail-wrong-number.md", "PL402"),
    ]
    assert outcome.notes == ()
    assert outcome.fix_notes == ("1 finding can be fixed with `--fix`",)
    assert (outcome.messages, outcome.diff, outcome.settings, outcome.reports) == ((), (), None, None)
    assert capsys.readouterr() == ("", "")  # the service never prints


def test_the_cache_folder_is_where_a_report_may_be_kept(lib: Path) -> None:
    outcome = run(request(lib, selection=Selection(select=("PL105",), cache_dir=lib.parent / "cache")))
    assert outcome.reports == lib.parent / "cache" / "reports"


def test_exit_zero_and_fail_on(lib: Path) -> None:
    assert run(request(lib, gate=Gate(exit_zero=True))).exit_code == EXIT_CLEAN
    warnings_only = Selection(select=("PL303",), no_cache=True)
    assert run(request(lib, selection=warnings_only)).exit_code == EXIT_CLEAN
    failing = Selection(select=("PL303",), no_cache=True, fail_on="warning")
    assert run(request(lib, selection=failing)).exit_code == EXIT_FINDINGS


def test_diff_is_the_outcome_and_writes_nothing(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (lib / "fail-wrong-number.md").read_bytes()
    outcome = run(request(lib, fixing=Fixing(diff=True, show=True)))
    assert (outcome.exit_code, outcome.result, outcome.notes) == (EXIT_FINDINGS, None, ())
    assert len(outcome.diff) == 1
    assert outcome.diff[0].startswith("--- a/lib/fail-wrong-number.md\n+++ b/lib/fail-wrong-number.md\n")
    assert outcome.messages == (
        Message("would fix 1 finding in 1 file"),
        Message("would fix:", ("  lib/fail-wrong-number.md:", "    1 × PL402 (misnumbered-section)")),
    )
    assert (lib / "fail-wrong-number.md").read_bytes() == before
    assert capsys.readouterr() == ("", "")


def test_fix_writes_the_files_and_reports_what_remains(lib: Path) -> None:
    outcome = run(request(lib, fixing=Fixing(fix=True)))
    assert outcome.exit_code == EXIT_FINDINGS
    assert outcome.result is not None
    assert [f.code for f in outcome.result.findings] == ["PL105"]
    assert outcome.notes == ("fixed 1 finding in 1 file",)
    assert (lib / "fail-wrong-number.md").read_bytes() == (MISNUMBERED / "fail-wrong-number.fixed.md").read_bytes()


def test_a_baseline_written_then_applied(lib: Path) -> None:
    file = lib.parent / "baseline.json"
    written = run(request(lib, gate=Gate(write_baseline=file)))
    assert (written.exit_code, written.result) == (EXIT_CLEAN, None)
    assert written.messages == (Message(f"wrote 2 findings to the baseline `{file}`"),)
    applied = run(request(lib, gate=Gate(baseline=file)))
    assert applied.exit_code == EXIT_CLEAN
    assert applied.result is not None and applied.result.findings == ()
    assert applied.notes[-1] == f"baseline `{file}`: 2 known findings not reported"


def test_show_settings_runs_nothing(lib: Path) -> None:
    outcome = run(request(lib, show_settings=True))
    assert outcome.exit_code == EXIT_CLEAN and outcome.result is None
    assert outcome.settings is not None and outcome.settings.settings.cache_dir is None


def test_usage_errors_are_raised_not_printed(lib: Path) -> None:
    with pytest.raises(UsageError, match="cannot be combined with `--changed-since`"):
        run(request(lib, gate=Gate(write_baseline=lib / "b.json", changed_since="HEAD")))
    with pytest.raises(UsageError, match="cannot be combined with `--changed-since`"):
        run(request(lib, gate=Gate(changed_since="HEAD"), fixing=Fixing(fix=True)))
