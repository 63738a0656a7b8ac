"""Fixes: every fixable rule's fixtures fix to their `*.fixed.md` twins; the CLI options
(`--fix`, `--diff`, `--unsafe-fixes`, `--show-fixes`); and the promises that earn trust: only
the lines a fix names change, bytes (BOM, line endings, mode) are kept, writes are atomic,
conflicting fixes wait for the next pass, a second run changes nothing, and a copy of the real
library fixes cleanly.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from patternlint import fixer
from patternlint.cache import VIOLATION
from patternlint.cli.app import app
from patternlint.document import Document
from patternlint.fixes import (
    AppendItem,
    Edit,
    Fix,
    Range,
    RemoveItem,
    Target,
    apply,
    clash,
    pointer_path,
    resolve,
)
from patternlint.lines import LineMap
from patternlint.model import Fixability, Span, Violation
from patternlint.rules import BY_CODE, RULES
from patternlint.settings import Settings, default_settings
from test_fixtures import FIXED_SUFFIX, FIXTURES, FOLDER_NAME, fixture_folders, fixture_settings, lint_folder, pattern_files

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT.parent / "shared" / "reference" / "commons-os-library" / "_patterns"
ENV = {"NO_COLOR": "1", "PATTERNLINT_CACHE_DIR": None}
BOM = b"\xef\xbb\xbf"


def _code(folder: Path) -> str:
    match = FOLDER_NAME.match(folder.name)
    assert match is not None
    return match.group("code")


FIXABLE_FOLDERS = [f for f in fixture_folders() if BY_CODE[_code(f)].fixable is not Fixability.NONE]


def copy_folder(folder: Path, dest: Path) -> Path:
    """The folder's patterns (not its expected results) in `dest`."""
    dest.mkdir(parents=True)
    for path in pattern_files(folder):
        shutil.copy2(path, dest / path.name)
    return dest


def fix_folder(folder: Path, lib: Path, settings: Settings | None = None) -> fixer.FixRun:
    unsafe = BY_CODE[_code(folder)].fixable is Fixability.UNSAFE
    return fixer.fix([lib], settings or fixture_settings(folder), lib, unsafe=unsafe)


def lines_of(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def assert_only_named_lines_changed(step: fixer.Step) -> None:
    """`step.after` is `step.before` with only the lines its fixes name replaced: every other
    line is still there, in order, and nothing else was added between them."""
    old, new = lines_of(step.before), lines_of(step.after)
    named: set[int] = set()
    cuts: set[int] = set()  # lines before which something may be inserted or replaced
    for applied in step.fixes:
        for first, last in applied.lines:
            cuts.add(first)
            named.update(range(first, last + 1))
            cuts.add(max(first, last + 1))
    segments: list[list[bytes]] = [[]]
    for number, line in enumerate(old, start=1):
        if number in cuts:
            segments.append([])
        if number not in named:
            segments[-1].append(line)
    at = 0
    for k, segment in enumerate(segments):
        if not segment:
            continue
        if k == 0:
            assert new[: len(segment)] == segment, "a line before the first fix changed"
            at = len(segment)
            continue
        for j in range(at, len(new) - len(segment) + 1):
            if new[j : j + len(segment)] == segment:
                at = j + len(segment)
                break
        else:
            raise AssertionError(f"lines a fix did not name changed: {segment[:3]!r}")
    last = next((s for s in reversed(segments) if s), [])
    assert not last or new[len(new) - len(last) :] == last, "a line after the last fix changed"
    unnamed = sum(len(s) for s in segments)
    assert len(new) >= unnamed


def assert_steps_chain(file: fixer.FileFix) -> None:
    assert file.steps and file.steps[0].before == file.original
    for a, b in zip(file.steps, file.steps[1:]):
        assert a.after == b.before
    for step in file.steps:
        assert_only_named_lines_changed(step)


def test_the_named_lines_check_can_fail() -> None:
    named = fixer.AppliedFix("x.md", "PL201", "overall-score-mismatch", "set", ((2, 2),))
    inserted = fixer.AppliedFix("x.md", "PL307", "missing-inverse-relationship", "add", ((3, 2),))
    before = b"a\nb\nc\nd\n"
    assert_only_named_lines_changed(fixer.Step(before, b"a\nB\nc\nd\n", (named,)))
    assert_only_named_lines_changed(fixer.Step(before, b"a\nb\nnew\nc\nd\n", (inserted,)))
    for after in (b"a\nB\nc\nD\n", b"A\nB\nc\nd\n", b"a\nB\nc\nd", b"a\nB\nd\n"):
        with pytest.raises(AssertionError):
            assert_only_named_lines_changed(fixer.Step(before, after, (named,)))
    with pytest.raises(AssertionError):
        assert_only_named_lines_changed(fixer.Step(before, b"a\nb\nc\nnew\nd\n", (inserted,)))


# ---------------------------------------------------------------------------------------------
# Fixtures: `fail-x.md` (or a `pass-*.md` a cross-file fix edits) becomes `fail-x.fixed.md`


def test_every_fixable_rule_has_fixed_fixtures() -> None:
    fixable = {f"{r.code}-{r.name}" for r in RULES if r.fixable is not Fixability.NONE}
    assert {f.name for f in FIXABLE_FOLDERS} == fixable
    assert fixable >= {
        "PL201-overall-score-mismatch",
        "PL202-confidence-rating-mismatch",
        "PL301-unresolved-relationship",
        "PL305-duplicate-relationship",
        "PL307-missing-inverse-relationship",
        "PL402-misnumbered-section",
        "PL404-section-heading-level",
    }
    for folder in FIXABLE_FOLDERS:
        twins = list(folder.glob("*" + FIXED_SUFFIX))
        assert twins, f"{folder.name} has no `*{FIXED_SUFFIX}` file"
        for twin in twins:
            assert (folder / (twin.name[: -len(FIXED_SUFFIX)] + ".md")).exists(), f"{twin.name} has no original"
    stray = [p for p in FIXTURES.glob("*/*" + FIXED_SUFFIX) if p.parent not in FIXABLE_FOLDERS]
    assert stray == []


@pytest.mark.parametrize("folder", FIXABLE_FOLDERS, ids=lambda p: p.name)
def test_fixture_folder_fixes_to_its_fixed_files(folder: Path, tmp_path: Path) -> None:
    lib = copy_folder(folder, tmp_path / folder.name)
    run = fix_folder(folder, lib)
    assert fixer.write(run.files) == []
    for path in pattern_files(folder):
        twin = folder / (path.name[:-3] + FIXED_SUFFIX)
        expected = twin.read_bytes() if twin.exists() else path.read_bytes()
        assert (lib / path.name).read_bytes() == expected, f"{path.name} is not as `{twin.name}` says"
    assert any(f.code == _code(folder) for f in run.fixes)
    for file in run.files:
        assert_steps_chain(file)
    # Fixing is idempotent, and what remains is what the re-lint found.
    again = fix_folder(folder, lib)
    assert again.files == () and again.passes == 0
    assert again.result.findings == run.result.findings


def test_fixes_come_only_from_rules_that_declare_them() -> None:
    for folder in fixture_folders():
        for finding in lint_folder(folder).findings:
            if finding.fix is not None:
                rule = BY_CODE[finding.code]
                assert finding.fix.applicability is rule.fixable, (finding.code, finding.path)
                assert finding.fix.description and not finding.fix.description.endswith(".")


# ---------------------------------------------------------------------------------------------
# Bytes that stay: BOM, line endings, mode, symbolic links, files without fixes


def test_bom_and_crlf_are_kept(tmp_path: Path) -> None:
    folder = FIXTURES / "PL402-misnumbered-section"
    lib = copy_folder(folder, tmp_path / "lib")
    name = "fail-wrong-number-crlf.md"
    (lib / name).write_bytes(BOM + (folder / name).read_bytes())
    fixer.write(fix_folder(folder, lib).files)
    fixed = (folder / "fail-wrong-number-crlf.fixed.md").read_bytes()
    assert b"\r\n" in fixed and b"\n" not in fixed.replace(b"\r\n", b"")
    assert (lib / name).read_bytes() == BOM + fixed


def test_an_inserted_item_uses_the_file_line_endings(tmp_path: Path) -> None:
    folder = FIXTURES / "PL307-missing-inverse-relationship"
    lib = copy_folder(folder, tmp_path / "lib")
    name = "pass-peer-knowledge-exchange.md"
    (lib / name).write_bytes((folder / name).read_bytes().replace(b"\n", b"\r\n"))
    fixer.write(fix_folder(folder, lib).files)
    expected = (folder / "pass-peer-knowledge-exchange.fixed.md").read_bytes().replace(b"\n", b"\r\n")
    assert (lib / name).read_bytes() == expected


def test_mode_is_kept_and_files_without_fixes_are_not_rewritten(tmp_path: Path) -> None:
    folder = FIXTURES / "PL201-overall-score-mismatch"
    lib = copy_folder(folder, tmp_path / "lib")
    fixed = lib / "fail-stale-score.md"
    os.chmod(fixed, 0o640)
    before = {p.name: os.stat(p) for p in lib.iterdir()}
    run = fix_folder(folder, lib)
    fixer.write(run.files)
    changed = {f.display for f in run.files}
    assert "fail-stale-score.md" in changed and "pass-peer-knowledge-exchange.md" not in changed
    for path in lib.iterdir():
        st = os.stat(path)
        assert stat.S_IMODE(st.st_mode) == stat.S_IMODE(before[path.name].st_mode)
        if path.name not in changed:
            assert (st.st_ino, st.st_mtime_ns) == (before[path.name].st_ino, before[path.name].st_mtime_ns)
    assert not list(lib.glob(".*"))  # no temporary file left behind


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    folder = FIXTURES / "PL201-overall-score-mismatch"
    lib = copy_folder(folder, tmp_path / "lib")
    real = tmp_path / "lib" / "store"
    real.mkdir()
    (lib / "fail-stale-score.md").rename(real / "stale.txt")
    (lib / "fail-stale-score.md").symlink_to(real / "stale.txt")
    fixer.write(fix_folder(folder, lib).files)
    assert (lib / "fail-stale-score.md").is_symlink()
    assert (real / "stale.txt").read_bytes() == (folder / "fail-stale-score.fixed.md").read_bytes()


# ---------------------------------------------------------------------------------------------
# Atomic writes: every file fully old or fully new


def _two_fixed_files(tmp_path: Path) -> tuple[Path, fixer.FixRun, dict[str, bytes]]:
    folder = FIXTURES / "PL201-overall-score-mismatch"
    lib = copy_folder(folder, tmp_path / "lib")
    original = {p.name: p.read_bytes() for p in lib.iterdir()}
    run = fix_folder(folder, lib)
    assert len(run.files) >= 2
    return lib, run, original


def test_an_error_while_writing_changes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib, run, original = _two_fixed_files(tmp_path)
    calls = []

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixer.os, "fsync", failing_fsync)
    with pytest.raises(fixer.FixError, match="No space left on device; no file was changed"):
        fixer.write(run.files)
    assert {p.name: p.read_bytes() for p in lib.iterdir()} == original


def test_an_error_while_renaming_leaves_each_file_old_or_new(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib, run, original = _two_fixed_files(tmp_path)
    real_replace = os.replace
    calls = []

    def failing_replace(src: str, dst: object) -> None:
        calls.append(src)
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(fixer.os, "replace", failing_replace)
    with pytest.raises(fixer.FixError, match=f"1 of {len(run.files)} fixed files were written"):
        fixer.write(run.files)
    fixed = {f.display: f.fixed for f in run.files}
    states = []
    for path in lib.iterdir():
        data = path.read_bytes()
        assert data in (original[path.name], fixed.get(path.name, original[path.name]))
        states.append(data == fixed.get(path.name))
    assert states.count(True) == 1
    assert not list(lib.glob(".*"))


def test_a_write_error_is_reported_by_the_cli(score_lib: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixer.os, "fsync", no_space)
    before = (score_lib / "fail-stale-score.md").read_bytes()
    code, out, err = run("check", "--no-cache", "--fix", "lib")
    assert (code, out) == (2, "")
    assert err == (
        "patternlint: error: cannot write `lib/fail-stale-score.md`: No space left on device; no file was changed\n"
    )
    assert (score_lib / "fail-stale-score.md").read_bytes() == before


def test_a_file_changed_since_it_was_read_is_left_alone(tmp_path: Path) -> None:
    lib, run, original = _two_fixed_files(tmp_path)
    first = run.files[0]
    (lib / first.display).write_bytes(original[first.display] + b"\nedited meanwhile\n")
    assert fixer.write(run.files) == [first.display]
    assert (lib / first.display).read_bytes().endswith(b"edited meanwhile\n")
    assert (lib / run.files[1].display).read_bytes() == run.files[1].fixed


# ---------------------------------------------------------------------------------------------
# Ranges, conflicts and passes


def test_clash_rules() -> None:
    assert clash(Range(0, 5, "x"), Range(4, 8, "y"))  # share a character
    assert not clash(Range(0, 5, "x"), Range(5, 8, "y"))  # only touch
    assert clash(Range(0, 5, "x"), Range(5, 5, "y"))  # an insertion at a replaced range's edge
    assert clash(Range(3, 3, "y"), Range(0, 5, "x"))
    assert not clash(Range(5, 5, "a"), Range(5, 5, "b"))  # two insertions: both, in order
    assert apply("0123456789", [Range(5, 5, "a\n"), Range(0, 1, "X"), Range(5, 5, "b\n")]) == "X1234a\nb\n56789"
    with pytest.raises(ValueError):
        apply("0123456789", [Range(0, 5, "x"), Range(4, 8, "y")])


def test_lines_map_positions_for_crlf_text() -> None:
    lines = LineMap("a\r\nbc\r\n\r\nd")
    assert [lines.offset(1, 1), lines.offset(2, 3), lines.offset(4, 2)] == [0, 5, 10]
    assert lines.offset(2, 9) is None and lines.offset(9, 1) is None
    assert (lines.line(2), lines.eol(2), lines.eol(4)) == ("bc", "\r\n", "\n")


def test_a_fix_that_overlaps_another_waits_for_the_next_pass(tmp_path: Path) -> None:
    """A setext `Context` heading needs a number (PL402) and a level (PL404): both edits touch
    its text line, so the renumbering goes first and the re-levelling is recomputed after it."""
    folder = FIXTURES / "PL404-section-heading-level"
    lib = copy_folder(folder, tmp_path / "lib")
    name = "fail-setext-heading.md"
    text = (lib / name).read_text(encoding="utf-8")
    assert "Section 1: Context\n------------------\n" in text
    (lib / name).write_text(text.replace("Section 1: Context\n------------------\n", "Context\n-------\n"), encoding="utf-8")
    run = fix_folder(folder, lib)
    [file] = [f for f in run.files if f.display == name]
    assert [sorted(f.code for f in step.fixes) for step in file.steps] == [["PL402"], ["PL404"]]
    assert "\n### Section 1: Context\n" in file.fixed.decode()
    assert "Context\n-------" not in file.fixed.decode()
    assert_steps_chain(file)


def test_two_items_for_one_empty_list_take_two_passes(tmp_path: Path) -> None:
    folder = FIXTURES / "PL307-missing-inverse-relationship"
    lib = copy_folder(folder, tmp_path / "lib")
    text = (lib / "fail-generalizes-one-way.md").read_text(encoding="utf-8")
    twin = text.replace("slug: fail-generalizes-one-way", "slug: fail-generalizes-one-way-too")
    twin = re.sub(r"^id: .*$", "id: pat_twin", twin, count=1, flags=re.MULTILINE)
    (lib / "fail-generalizes-one-way-too.md").write_text(twin, encoding="utf-8")
    run = fix_folder(folder, lib)
    [file] = [f for f in run.files if f.display == "pass-peer-knowledge-exchange.md"]
    assert len(file.steps) == 2  # `[]` becomes a block list once; the second item waits
    assert_steps_chain(file)
    fixed = file.fixed.decode()
    assert (
        "  specializes_to:\n"
        "    - slug: fail-generalizes-one-way-too\n"  # the first pass takes fixes in path order
        "      weight: 0.7\n"
        "    - slug: fail-generalizes-one-way\n"
        "      weight: 0.7\n"
        "  enables:\n"
    ) in fixed


def test_fixes_that_claim_the_same_thing_are_not_applied_together(tmp_path: Path) -> None:
    folder = FIXTURES / "PL201-overall-score-mismatch"
    lib = copy_folder(folder, tmp_path / "lib")
    name = "fail-stale-score.md"
    data = (lib / name).read_bytes()
    target = lint_folder(folder).findings[0]
    text = data.decode()
    line = text.split("\n").index("    overall_score: 4.4  # expect: PL201") + 1
    one = Fix("one", Fixability.SAFE, (Edit(Span(line, 20, line, 23), "1.0"),), claims=("x",))
    two = Fix("two", Fixability.SAFE, (Edit(Span(line - 1, 1, line - 1, 1), "# note\n"),), claims=("x",))
    claims: set[str] = set()
    t = fixer.Target(lib / name, name, True)
    step = fixer._fix_text(name, t, data, [(target, one), (target, two)], default_settings(), claims)
    assert step is not None and [f.description for f in step.fixes] == ["two"]


def _target(text: str) -> Target:
    doc = Document("x.md", "x", text.encode())
    return Target("x.md", text, LineMap(text), doc)


FRONT = """---
slug: x
relationships:
  generalizes_from: []
  enables:
  - slug: a
    weight: 0.5
  - {slug: b, weight: 0.6}
  complementary: [c, d]
  requires:
  tools:
    - slug: e  # keep me
      weight: 0.1
    # a comment after the last item
---
body
"""


def test_append_item_follows_each_list_layout() -> None:
    target = _target(FRONT)

    def added(path: tuple[str, ...]) -> str | None:
        change = AppendItem(path, (("slug", "new"), ("weight", "0.9")))
        resolved = resolve(Fix("add", Fixability.UNSAFE, (change,)), target)
        return None if resolved is None else apply(FRONT, resolved.ranges)

    enables = added(("relationships", "enables"))  # an indentless list, last item in flow style
    assert enables is not None and "  - {slug: b, weight: 0.6}\n  - slug: new\n    weight: 0.9\n  complementary" in enables
    tools = added(("relationships", "tools"))  # after the last item, before the comment
    assert tools is not None and "weight: 0.1\n    - slug: new\n      weight: 0.9\n    # a comment" in tools
    empty = added(("relationships", "generalizes_from"))  # `[]`, laid out like the file's lists
    assert empty is not None and "  generalizes_from:\n  - slug: new\n    weight: 0.9\n  enables:" in empty
    null = added(("relationships", "requires"))
    assert null is not None and "  requires:\n  - slug: new\n    weight: 0.9\n  tools:" in null
    missing = added(("relationships", "alternatives"))  # a new key at the end of the mapping
    assert missing is not None and "    # a comment after the last item\n" in missing
    assert "      weight: 0.1\n  alternatives:\n  - slug: new\n    weight: 0.9\n" in missing
    assert added(("relationships", "complementary")) is None  # a flow list with items: left alone
    for text in (enables, tools, empty, null, missing):
        assert text is not None
        data = yaml.safe_load(text.split("---\n")[1])
        assert any(item == {"slug": "new", "weight": 0.9} for item in data["relationships"].values() if isinstance(item, list) for item in item)


def test_append_item_adds_nothing_a_list_already_names() -> None:
    change = AppendItem(("relationships", "enables"), (("slug", "a"), ("weight", "0.9")))
    assert resolve(Fix("add", Fixability.UNSAFE, (change,)), _target(FRONT)) is None


def test_remove_item_only_removes_an_exact_duplicate() -> None:
    text = FRONT.replace("  - {slug: b, weight: 0.6}\n", "  - slug: a  # again\n    weight: 0.5\n  - slug: a\n    weight: 0.7\n")
    target = _target(text)
    same = resolve(Fix("rm", Fixability.SAFE, (RemoveItem(pointer_path("relationships.enables[1]"), pointer_path("relationships.enables[0]")),)), target)
    assert same is not None
    assert apply(text, same.ranges).count("- slug: a") == 2 and "# again" not in apply(text, same.ranges)
    other = RemoveItem(pointer_path("relationships.enables[2]"), pointer_path("relationships.enables[0]"))
    assert resolve(Fix("rm", Fixability.SAFE, (other,)), target) is None  # the weights differ


def test_an_edit_outside_the_text_does_not_apply() -> None:
    target = _target(FRONT)
    assert resolve(Fix("e", Fixability.SAFE, (Edit(Span(2, 7, 2, 99), "y"),)), target) is None
    assert resolve(Fix("e", Fixability.SAFE, (Edit(Span(99, 1, 99, 2), "y"),)), target) is None


def test_fixes_survive_the_cache_encoding() -> None:
    fixes = [
        Fix("a", Fixability.SAFE, (Edit(Span(1, 2, 3, 4), "x"),)),
        Fix("b", Fixability.UNSAFE, (RemoveItem(("r", "e", 1), ("r", "e", 0)),), "other.md", ("c1", "c2")),
        Fix("c", Fixability.UNSAFE, (AppendItem(("r", "s"), (("slug", "x"), ("weight", "0.5"))),), "o.md"),
    ]
    for fix in [*fixes, None]:
        violation = Violation("m", Span(1, 1, 1, 2), None, fix)
        assert VIOLATION.decode(VIOLATION.encode(violation)) == violation
    with pytest.raises(KeyError):  # a change of no known kind
        VIOLATION.decode(["m", [1, 1, 1, 2], None, ["a", "safe", [["Zap", 1, 2]], None, []]])
    with pytest.raises(ValueError):
        VIOLATION.decode(["m", [1, 1, 1, 2], None, ["a", True, [], None, []]])


def test_a_fix_is_safe_or_unsafe() -> None:
    with pytest.raises(ValueError):
        Fix("x", Fixability.NONE, ())


# ---------------------------------------------------------------------------------------------
# The command line


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def score_lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    lib = tmp_path / "lib"
    lib.mkdir()
    folder = FIXTURES / "PL201-overall-score-mismatch"
    for name in ("pass-accountability-partnership.md", "pass-peer-knowledge-exchange.md", "fail-stale-score.md"):
        shutil.copy(folder / name, lib / name)
    return lib


def test_check_says_how_many_findings_fix_can_fix(score_lib: Path) -> None:
    code, _, err = run("check", "--no-cache", "lib")
    assert (code, err) == (1, "patternlint: 1 finding can be fixed with `--fix`\n")


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_fixable_findings_are_marked_and_the_note_follows_the_report(score_lib: Path, fmt: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "patternlint", "check", "--no-cache", "-f", fmt, "lib"],
        capture_output=False, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    lines = proc.stdout.splitlines()
    assert lines[-1] == "patternlint: 1 finding can be fixed with `--fix`"
    assert lines[-2].startswith("Checked 3 files: ")
    marked = [line for line in lines if "PL201" in line and "expect:" not in line]
    assert marked and all("PL201 [*] " in line for line in marked)


def test_diff_prints_the_fix_and_changes_nothing(score_lib: Path) -> None:
    before = (score_lib / "fail-stale-score.md").read_bytes()
    code, out, err = run("check", "--no-cache", "--diff", "lib")
    assert code == 1
    assert out == (
        "--- a/lib/fail-stale-score.md\n"
        "+++ b/lib/fail-stale-score.md\n"
        "@@ -43,7 +43,7 @@\n"
        "     vitality_reasoning: >-\n"
        "       This pattern sustains vitality by maintaining and renewing the\n"
        "       system's existing health.\n"
        "-    overall_score: 4.4  # expect: PL201\n"
        "+    overall_score: 3.7  # expect: PL201\n"
        " \n"
        " # ═══════════════════════════════════════════════════════════════════\n"
        " # GROUP 4: LIFECYCLE & CONFIDENCE\n"
    )
    assert err == "patternlint: would fix 1 finding in 1 file\n"
    assert (score_lib / "fail-stale-score.md").read_bytes() == before
    fixed = (FIXTURES / "PL201-overall-score-mismatch" / "fail-stale-score.fixed.md").read_bytes()
    (score_lib / "fail-stale-score.md").write_bytes(fixed)
    assert run("check", "--no-cache", "--diff", "lib") == (0, "", "patternlint: nothing to fix\n")


def test_fix_writes_reports_what_remains_and_shows_fixes(score_lib: Path) -> None:
    code, out, err = run("check", "--no-cache", "--fix", "--show-fixes", "lib")
    assert (code, out) == (0, "Checked 3 files: no problems found\n")
    assert err == (
        "patternlint: fixed:\n"
        "  lib/fail-stale-score.md:\n"
        "    1 × PL201 (overall-score-mismatch)\n"
        "patternlint: fixed 1 finding in 1 file\n"
    )
    fixed = (FIXTURES / "PL201-overall-score-mismatch" / "fail-stale-score.fixed.md").read_bytes()
    assert (score_lib / "fail-stale-score.md").read_bytes() == fixed
    assert run("check", "--no-cache", "--fix", "lib") == (0, "Checked 3 files: no problems found\n", "")


def test_unsafe_fixes_need_the_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lib = copy_folder(FIXTURES / "PL202-confidence-rating-mismatch", tmp_path / "lib")
    for other in lib.glob("*-site-*.md"):  # another site's pages: they need the folder's configuration
        other.unlink()
    before = {p.name: p.read_bytes() for p in lib.iterdir()}
    # The folder's `# Title` and bare `[!NOTE]` (real defects kept from the library) are not fixable.
    others = ("--ignore", "title-in-body", "--ignore", "callout-outside-blockquote")
    code, _, err = run("check", "--no-cache", *others, "--fix", "lib")
    assert code == 0  # warnings only
    assert err == "patternlint: 4 more findings can be fixed with `--unsafe-fixes`\n"
    assert {p.name: p.read_bytes() for p in lib.iterdir()} == before
    code, out, err = run("check", "--no-cache", *others, "--fix", "--unsafe-fixes", "lib")
    assert (code, out, err) == (0, "Checked 8 files: no problems found\n", "patternlint: fixed 4 findings in 4 files\n")


def test_fix_with_a_warm_cache_fixes_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = FIXTURES / "PL402-misnumbered-section"
    lib = copy_folder(folder, tmp_path / "lib")
    assert run("check", "--cache-dir", "cache", "lib")[0] == 1
    assert run("check", "--cache-dir", "cache", "lib")[0] == 1  # now every entry is cached
    code, _, err = run("check", "--cache-dir", "cache", "--fix", "lib")
    assert "patternlint: fixed 12 findings in 5 files\n" in err
    for path in pattern_files(folder):
        twin = folder / (path.name[:-3] + FIXED_SUFFIX)
        assert (lib / path.name).read_bytes() == (twin if twin.exists() else path).read_bytes()


def test_fix_cannot_be_combined_with_changed_since(score_lib: Path) -> None:
    code, out, err = run("check", "--no-cache", "--fix", "--changed-since", "HEAD", "lib")
    assert (code, out) == (2, "")
    assert err == (
        "patternlint: error: `--fix` and `--diff` fix the files given; they cannot be combined with `--changed-since`\n"
    )


def test_rules_lists_each_rules_fixability() -> None:
    code, out, _ = run("rules")
    assert code == 0
    rows = {line.split()[0]: line.split()[4] for line in out.splitlines()[1:] if line.strip()}
    assert {c: f for c, f in rows.items() if f != "none"} == {
        "PL201": "safe",
        "PL202": "unsafe",
        "PL301": "unsafe",
        "PL305": "safe",
        "PL307": "unsafe",
        "PL402": "safe",
        "PL404": "safe",
    }


def test_pre_commit_fix_hook_runs_like_pre_commit(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [h for h in hooks if h["id"] == "patternlint-fix"]
    assert (hook["language"], hook["pass_filenames"], hook["always_run"], hook["require_serial"]) == (
        "python", False, True, True,
    )
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "examples" / "valid", repo / "_patterns")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repo, check=True)
    stale = repo / "_patterns" / "acquaintance-layer.md"
    text = stale.read_text(encoding="utf-8")
    score = re.search(r"overall_score: (\d\.\d)", text)
    assert score is not None
    stale.write_text(text.replace(score.group(0), "overall_score: 0.5"), encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    entry = shlex.split(hook["entry"])
    assert entry[:1] == ["patternlint"]
    env = {k: v for k, v in os.environ.items() if k != "PATTERNLINT_CACHE_DIR"}
    proc = subprocess.run(
        [sys.executable, "-m", "patternlint", *entry[1:]],
        cwd=repo, env={**env, "NO_COLOR": "1"}, capture_output=True, text=True, timeout=120,
    )
    # The file is fixed (pre-commit then fails the hook because a file changed) and nothing remains.
    assert (proc.returncode, proc.stderr) == (
        0, "patternlint: checking the staged change: 1 changed file, 3 related files\n"
        "patternlint: fixed 1 finding in 1 file\n",
    )
    assert stale.read_text(encoding="utf-8") == text


# ---------------------------------------------------------------------------------------------
# A copy of the real library


needs_shared = pytest.mark.skipif(not LIBRARY.is_dir(), reason="the reference library is not here")


def _fix_real_copy(tmp_path: Path, settings: Settings, unsafe: bool) -> tuple[Path, fixer.FixRun, dict[str, bytes]]:
    lib = tmp_path / "_patterns"
    shutil.copytree(LIBRARY, lib, symlinks=True)
    original = {p.name: p.read_bytes() for p in lib.iterdir() if p.is_file()}
    run = fixer.fix([lib], settings, tmp_path, unsafe=unsafe)
    assert run.converged
    assert fixer.write(run.files) == []
    by_name = {Path(f.display).name: f for f in run.files}
    for name, data in original.items():
        now = (lib / name).read_bytes()
        if name not in by_name:
            assert now == data, f"{name} has no fix but changed"
        else:
            file = by_name[name]
            assert (file.original, file.fixed) == (data, now)
            assert_steps_chain(file)
    return lib, run, original


@needs_shared
def test_safe_fixes_over_a_copy_of_the_real_library(tmp_path: Path) -> None:
    started = time.monotonic()
    settings = dataclasses.replace(default_settings(), cache_dir=tmp_path / "cache")
    lib, run, original = _fix_real_copy(tmp_path, settings, unsafe=False)
    codes = {f.code for f in run.fixes}
    assert codes <= {r.code for r in RULES if r.fixable is Fixability.SAFE}
    assert {"PL201", "PL402", "PL404"} <= codes
    assert 0 < len(run.files) < len(original) // 10
    # What remains has no safe fix left to apply, and a second run (through the CLI, with the
    # cache that the first one filled) changes nothing.
    assert not [f for f in run.result.findings if f.fix is not None and f.fix.applies(False)]
    before = {p.name: p.read_bytes() for p in lib.iterdir() if p.is_file()}
    proc = subprocess.run(
        [sys.executable, "-m", "patternlint", "check", "_patterns", "--fix", "--cache-dir", "cache", "-q", "-f", "concise"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 1 and "fixed" not in proc.stderr, proc.stderr
    assert {p.name: p.read_bytes() for p in lib.iterdir() if p.is_file()} == before
    assert time.monotonic() - started < 90


@needs_shared
def test_unsafe_fixes_over_a_copy_of_the_real_library(tmp_path: Path) -> None:
    """With `--unsafe-fixes` and the off-by-default missing-inverse rule: thousands of items
    added to other files, each only on the lines its fix names, and a second run is a no-op."""
    codes = tuple(sorted((*default_settings().codes, "PL307")))
    settings = dataclasses.replace(default_settings(), codes=codes, cache_dir=tmp_path / "cache")
    lib, run, _ = _fix_real_copy(tmp_path, settings, unsafe=True)
    codes = {f.code for f in run.fixes}
    assert {"PL202", "PL301", "PL307"} <= codes
    fixed = {f.display for f in run.files}
    assert not [f for f in run.result.findings if f.code in ("PL005", "PL006", "PL012") and f.path in fixed]
    again = fixer.fix([lib], settings, tmp_path, unsafe=True)
    assert again.files == ()


def test_a_file_changed_since_it_was_linted_is_not_fixed_even_without_a_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = FIXTURES / "PL402-misnumbered-section"
    lib = copy_folder(folder, tmp_path / "lib")
    settings = fixture_settings(folder)
    assert settings.cache_dir is None
    assert fix_folder(folder, lib, settings).files  # there is something to fix
    real_read = fixer.read_file

    def edited_meanwhile(*args: object, **kwargs: object) -> object:
        data = real_read(*args, **kwargs)  # type: ignore[arg-type]
        return data + b"\n<!-- edited meanwhile -->\n" if isinstance(data, bytes) else data

    monkeypatch.setattr(fixer, "read_file", edited_meanwhile)
    assert fix_folder(folder, lib, settings).files == ()


def test_fixes_parse_files_within_the_configured_limits(tmp_path: Path) -> None:
    """A file nested deeper than the default limit, allowed by the configuration: its item
    removal (which parses the file again) is applied like any other."""
    folder = FIXTURES / "PL305-duplicate-relationship"
    lib = copy_folder(folder, tmp_path / "lib")
    path = lib / "fail-complementary-twice-same-weight.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\ndeep: " + "[" * 150 + "]" * 150 + "\n", 1), encoding="utf-8")
    settings = dataclasses.replace(fixture_settings(folder), max_nesting_depth=200)
    run = fix_folder(folder, lib, settings)
    assert path.name in {Path(f.display).name for f in run.files}


# ---------------------------------------------------------------------------------------------
# Fixes that cannot damage a file: anchors and aliases, values the schema rejects, the fixed
# text parsed again, edits saved while `--fix` writes, and `kill -9`

# (fixture folder, file, the text replaced, its replacement): a fixable finding whose value is
# written as an alias (`*name`) or carries an anchor (`&name`).
SHARED_VALUES = [
    ("PL201-overall-score-mismatch", "fail-stale-score.md",
     ("value_creation: 4.5", "value_creation: &s 4.5"), ("overall_score: 4.4", "overall_score: *s")),
    ("PL201-overall-score-mismatch", "fail-stale-score.md",
     ("overall_score: 4.4", "overall_score: &o 4.4"), ("aliases: []", "aliases: []")),
    # an edit inside an anchored collection would change its aliases too
    ("PL201-overall-score-mismatch", "fail-stale-score.md",
     ("commons_assessment:", "commons_assessment: &ca"), ("aliases: []", "aliases: []")),
    ("PL202-confidence-rating-mismatch", "fail-established-but-low.md",
     ("aliases: []", "aliases: [&c 1]"), ("confidence: 1", "confidence: *c")),
    ("PL202-confidence-rating-mismatch", "fail-established-but-low.md",
     ("confidence: 1", "confidence: &c 1"), ("aliases: []", "aliases: []")),
    ("PL301-unresolved-relationship", "fail-typo-slug.md",
     ("aliases: []", "aliases: [&t pass-acountability-partnership]"),
     ("- slug: pass-acountability-partnership", "- slug: *t")),
    ("PL301-unresolved-relationship", "fail-typo-slug.md",
     ("- slug: pass-acountability-partnership", "- slug: &t pass-acountability-partnership"),
     ("aliases: []", "aliases: []")),
    # library rules: the fix is screened against the file record's marks, in a plain check too
    ("PL305-duplicate-relationship", "fail-complementary-twice-same-weight.md",
     ("- slug: pass-peer-knowledge-exchange  # expect", "- slug: &d pass-peer-knowledge-exchange  # expect"),
     ("tools: []", "tools: []")),
]


@pytest.mark.parametrize("folder_name, name, first, second", SHARED_VALUES, ids=lambda v: str(v)[:40])
def test_no_fix_is_offered_through_an_anchor_or_alias(
    folder_name: str, name: str, first: tuple[str, str], second: tuple[str, str], tmp_path: Path
) -> None:
    folder = FIXTURES / folder_name
    lib = copy_folder(folder, tmp_path / "lib")
    text = (folder / name).read_text(encoding="utf-8")
    for old, new in (first, second):
        assert old in text
        text = text.replace(old, new, 1)
    (lib / name).write_text(text, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in lib.iterdir()}
    code = _code(folder)
    settings = fixture_settings(folder)
    found = [f for f in lint_folder_at(lib, settings) if f.code == code and f.path == name]
    assert found and all(f.fix is None for f in found)
    run = fixer.fix([lib], settings, lib, unsafe=True)
    assert name not in {f.display for f in run.files}
    fixer.write(run.files)
    assert (lib / name).read_bytes() == before[name]


def lint_folder_at(lib: Path, settings: Settings) -> tuple[Finding, ...]:
    from patternlint.pipeline import lint

    return lint([lib], settings, lib).findings


def _out_of_range_score(tmp_path: Path) -> tuple[Path, str, bytes]:
    """A file whose PL201 fix would write a mean above the schema's maximum of 5."""
    folder = FIXTURES / "PL201-overall-score-mismatch"
    lib = copy_folder(folder, tmp_path / "lib")
    name = "fail-stale-score.md"
    data = (folder / name).read_bytes().replace(b"value_creation: 4.5", b"value_creation: 45", 1)
    (lib / name).write_bytes(data)
    return lib, name, data


def test_a_fix_that_writes_a_value_the_schema_rejects_is_not_offered(tmp_path: Path) -> None:
    lib, name, data = _out_of_range_score(tmp_path)
    settings = fixture_settings(FIXTURES / "PL201-overall-score-mismatch")
    codes = {(f.code, f.fix is None) for f in lint_folder_at(lib, settings) if f.path == name}
    assert ("PL201", True) in codes and ("PL105", True) in codes  # reported, not fixable
    fixer.write(fixer.fix([lib], settings, lib).files)
    assert (lib / name).read_bytes() == data


def test_fixed_text_with_a_new_parse_or_schema_problem_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the checks done before a fix is offered switched off, the last check, parsing the
    fixed text again, still refuses a value the schema rejects. (A fix that would break the YAML
    cannot be built from the checks' spans any more; this net stays for one that could.)"""
    from patternlint import fixguard

    monkeypatch.setattr(fixguard, "screen", lambda doc, violations: violations)
    monkeypatch.setattr(fixguard, "blocked", lambda fix, source, marks: False)
    lib, name, data = _out_of_range_score(tmp_path)
    settings = fixture_settings(FIXTURES / "PL201-overall-score-mismatch")
    run = fixer.fix([lib], settings, lib)
    assert dict(run.refused) == {name: "value-out-of-range"}
    fixer.write(run.files)
    assert (lib / name).read_bytes() == data
    assert {"fail-integer-scores.md", "fail-mean-without-vitality.md"} <= {f.display for f in run.files}


def test_the_cli_notes_a_fix_that_was_not_applied(score_lib: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from patternlint import fixguard

    monkeypatch.setattr(fixguard, "screen", lambda doc, violations: violations)
    path = score_lib / "fail-stale-score.md"
    path.write_bytes(path.read_bytes().replace(b"value_creation: 4.5", b"value_creation: 45", 1))
    before = path.read_bytes()
    code, _, err = run("check", "--no-cache", "--fix", "lib")
    assert code == 1 and path.read_bytes() == before
    assert err == (
        "patternlint: `lib/fail-stale-score.md`: fixes that would give it a new `value-out-of-range` "
        "problem were not applied\n"
    )


def test_an_edit_saved_while_fix_writes_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first file is edited while a later one is being written (after the first was
    staged): it is compared again right before its own rename, and left alone."""
    from patternlint import writing

    lib, run, original = _two_fixed_files(tmp_path)
    first, second = run.files[0], run.files[1]
    real_stage = writing.stage

    def stage_and_edit(path: Path, data: bytes) -> writing.Staged:
        if path.name == second.display:
            (lib / first.display).write_bytes(original[first.display] + b"\nsaved meanwhile\n")
        return real_stage(path, data)

    monkeypatch.setattr(writing, "stage", stage_and_edit)
    assert fixer.write(run.files) == [first.display]
    assert (lib / first.display).read_bytes().endswith(b"saved meanwhile\n")
    assert (lib / second.display).read_bytes() == second.fixed
    assert not [p for p in lib.iterdir() if writing.is_leftover(p.name)]


def test_leftover_temporary_files_are_removed_only_when_ours_and_old(tmp_path: Path) -> None:
    from patternlint import writing

    folder = tmp_path / "lib"
    folder.mkdir()
    old = time.time() - 60
    ours = [folder / ".a.md.k3x_9q0z.patternlint-tmp", folder / ".b c.md.abcdefgh.patternlint-tmp"]
    fresh = folder / ".d.md.zzzzzzzz.patternlint-tmp"
    others = [folder / "a.md", folder / ".a.md.tmp", folder / "x.patternlint-tmp", folder / ".a.md.ABCDEFGH.patternlint-tmp"]
    for path in [*ours, fresh, *others]:
        path.write_bytes(b"x")
        if path is not fresh:
            os.utime(path, (old, old))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.md").write_bytes(b"keep")
    link = folder / ".e.md.linklink.patternlint-tmp"
    link.symlink_to(elsewhere / "keep.md")
    os.utime(link, (old, old), follow_symlinks=False)
    below = folder / "sub"
    below.mkdir()
    (below / ".f.md.subsubsu.patternlint-tmp").write_bytes(b"x")
    os.utime(below / ".f.md.subsubsu.patternlint-tmp", (old, old))
    assert sorted(writing.remove_leftovers(folder)) == sorted(ours)
    assert all(p.exists() for p in [fresh, *others, below / ".f.md.subsubsu.patternlint-tmp"])
    assert link.is_symlink() and (elsewhere / "keep.md").read_bytes() == b"keep"


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    from patternlint import writing

    umask = os.umask(0o027)
    try:
        writing.write_atomically(tmp_path / "new.toml", b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(os.stat(tmp_path / "new.toml").st_mode) == 0o640


def test_replacing_a_link_to_a_device_takes_no_mode_from_the_device(tmp_path: Path) -> None:
    from patternlint import writing

    (tmp_path / "cache").symlink_to("/dev/zero")  # /dev/zero is 0666
    umask = os.umask(0o022)
    try:
        writing.write_atomically(tmp_path / "cache", b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(os.lstat(tmp_path / "cache").st_mode) == 0o644


KILL_FILES = 200


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_during_fix_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    """`check --fix` over a few hundred files, killed at several moments of its writing: every
    file is its old or its new bytes, and the next run removes what the killed ones left."""
    import signal

    from patternlint import writing

    folder = FIXTURES / "PL201-overall-score-mismatch"
    lib = tmp_path / "lib"
    lib.mkdir()
    old = (folder / "fail-stale-score.md").read_bytes()
    new = (folder / "fail-stale-score.fixed.md").read_bytes()
    names = [f"stale-{i:03}.md" for i in range(KILL_FILES)]
    command = [sys.executable, "-m", "patternlint", "check", "--no-cache", "--fix", "-q", "--select", "PL201", "lib"]
    env = {k: v for k, v in os.environ.items() if k != "PATTERNLINT_CACHE_DIR"}

    def leftovers() -> list[Path]:
        return [p for p in lib.iterdir() if writing.is_leftover(p.name)]

    def started() -> bool:  # the first temporary file is being written
        return bool(leftovers())

    def renamed() -> bool:  # the first file (in path order) has been replaced
        return (lib / names[0]).read_bytes() == new

    def later() -> bool:
        return time.monotonic() - start >= 0.3 + 0.25 * len(seen)

    seen: list[tuple[int, int]] = []
    for moment in (renamed, later, started):
        for n in names:
            (lib / n).write_bytes(old)
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        start = time.monotonic()
        while process.poll() is None and not moment() and time.monotonic() - start < 60:
            time.sleep(0.001)
        process.send_signal(signal.SIGKILL)
        process.wait()
        states = [(lib / n).read_bytes() for n in names]
        assert all(s in (old, new) for s in states), moment.__name__
        seen.append((states.count(new), len(leftovers())))
    assert any(written == 0 and left for written, left in seen), seen  # killed while staging
    # The killed runs' temporary files, made older than a running fix's could be.
    past = time.time() - 2 * writing.LEFTOVER_AGE
    for path in leftovers():
        os.utime(path, (past, past))
    finished = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert leftovers() == [] and all((lib / n).read_bytes() == new for n in names)
