"""One coordinate system: lines end where YAML (libyaml) ends them, at LF, CR, CRLF, NEL (U+0085),
LS (U+2028) and PS (U+2029), for positions, fixes and headings alike.

The positions are checked against an implementation of their own here: a file's lines split at
those breaks, and a finding's span cut out of the text with them.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from patternlint import fixer
from patternlint.document import Document
from patternlint.pipeline import lint
from patternlint.model import Finding
from patternlint.rules import RULES
from patternlint.settings import default_settings
from test_fixtures import FIXTURES, fixture_settings

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT.parent / "shared" / "reference" / "commons-os-library" / "_patterns"

BREAKS = {"CR": "\r", "NEL": "\x85", "LS": "\u2028", "PS": "\u2029"}
_YAML_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _YAML_BREAK.finditer(text))]


def line_texts(text: str) -> list[str]:
    return _YAML_BREAK.split(text)


def offset(text: str, line: int, column: int) -> int:
    """The offset of a position, asserting that the file has it (on the line, or on its break:
    a mixed-line-endings finding marks the break)."""
    starts = [*line_starts(text), len(text) + 1]
    assert 1 <= line < len(starts), f"line {line} is past the end of the file ({len(starts) - 1} lines)"
    at = starts[line - 1] + column - 1
    assert column >= 1 and at < starts[line], f"column {column} is past the end of line {line}"
    return at


def span_text(text: str, finding: Finding) -> str:
    span = finding.span
    return text[offset(text, span.line, span.column) : offset(text, span.end_line, span.end_column)]


# ---------------------------------------------------------------------------------------------
# Fixes edit the token they name


PL201 = FIXTURES / "PL201-overall-score-mismatch"
TITLE = 'title: "Peer Knowledge Exchange"'


def with_broken_title(data: bytes, brk: str) -> bytes:
    text = data.decode("utf-8")
    assert TITLE in text
    return text.replace(TITLE, 'title: "Peer{0}Know{0}ledge{0}Ex{0}cha{0}nge"'.format(brk)).encode("utf-8")


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_a_fix_below_line_breaks_in_a_title_edits_its_own_token(brk: str, tmp_path: Path) -> None:
    """Five breaks in the title put the `overall_score` five YAML lines lower than `\\n` counts;
    the fix must still replace the score, and nothing else."""
    original = with_broken_title((PL201 / "fail-stale-score.md").read_bytes(), brk)
    expected = with_broken_title((PL201 / "fail-stale-score.fixed.md").read_bytes(), brk)
    assert original != expected
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "fail-stale-score.md").write_bytes(original)
    run = fixer.fix([lib], fixture_settings(PL201), lib)
    assert [f.code for f in run.files[0].fixes] == ["PL201"]
    assert fixer.write(run.files) == []
    assert (lib / "fail-stale-score.md").read_bytes() == expected


# ---------------------------------------------------------------------------------------------
# Every finding lies on the text it names, whatever breaks the file holds


def _sample() -> list[Path]:
    fixtures = [
        FIXTURES / "PL201-overall-score-mismatch" / "fail-stale-score.md",
        FIXTURES / "PL105-value-out-of-range" / "fail-weight.md",
        FIXTURES / "PL105-value-out-of-range" / "fail-weight-crlf.md",
        FIXTURES / "PL402-misnumbered-section" / "fail-no-number.md",
        FIXTURES / "PL203-primary-tension-mismatch" / "fail-prose-statement.md",
        FIXTURES / "PL206-vitality-band-mismatch" / "fail-generative-level.md",
    ]
    real = sorted(LIBRARY.glob("*.md"))[:: 600][:6] if LIBRARY.is_dir() else []
    assert all(p.exists() for p in fixtures)
    return fixtures + real


SAMPLE = _sample()
_PLAIN_TITLE = re.compile(r'^title: (?P<value>[^"\'\n\\#][^"\n\\#]*?) ?(?P<end>\r?\n)', re.MULTILINE)


def inject(text: str, brk: str) -> str:
    """The text with `brk` in its title (inside quotes, where YAML allows a break), as a blank
    line after the title, and before a line of the body: nothing a rule reads changes meaning,
    but YAML's line numbers below each place move."""

    def title(match: re.Match[str]) -> str:
        value = match.group("value").replace(" ", brk, 1)
        return f'title: "{value}"{match.group("end")}{brk}'

    text = _PLAIN_TITLE.sub(title, text, count=1)
    quoted = re.search(r'^title: "[^"\n]* ', text, re.MULTILINE)
    if quoted is not None:
        text = text[: quoted.end() - 1] + brk + text[quoted.end() :]
    body = text.index("\n---", 4) + 4
    blank = text.find("\n\n", text.find("\n#", body))
    if blank >= 0:  # at the start of the line after a blank line (a CR before the LF is CRLF)
        text = text[: blank + 2] + brk + text[blank + 2 :]
    return text


def _compact(text: str) -> str:
    """Span text compared without white space (a break may replace a space) or quotes."""
    return "".join(text.split()).replace('"', "")


def _findings(folder: Path) -> dict[str, list[Finding]]:
    settings = dataclasses.replace(default_settings(), cache_dir=None, jobs=1, codes=tuple(r.code for r in RULES))
    by_file: dict[str, list[Finding]] = {}
    for finding in lint([folder], settings, cwd=folder).findings:
        by_file.setdefault(Path(finding.path).name, []).append(finding)
    return by_file


@pytest.mark.skipif(not SAMPLE, reason="no sample files")
@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_every_finding_lies_on_the_text_it_names(brk: str, tmp_path: Path) -> None:
    plain, broken = tmp_path / "plain", tmp_path / "broken"
    plain.mkdir()
    broken.mkdir()
    for path in SAMPLE:
        shutil.copyfile(path, plain / path.name)
        (broken / path.name).write_bytes(inject(path.read_text("utf-8"), brk).encode("utf-8"))
    before, after = _findings(plain), _findings(broken)
    compared = 0
    for path in SAMPLE:
        text = (broken / path.name).read_bytes().decode("utf-8")
        assert brk in text
        was = {(f.code, f.message): span_text(path.read_bytes().decode("utf-8"), f) for f in before.get(path.name, [])}
        for finding in after.get(path.name, []):
            written = span_text(text, finding)  # asserts the span is inside the file
            key = (finding.code, finding.message)
            if key in was:
                assert _compact(written) == _compact(was[key]), f"{path.name}: {finding}"
                compared += 1
    assert compared > 50  # the injections leave most findings as they were


# ---------------------------------------------------------------------------------------------
# Reading: fences and headings


def test_a_body_with_cr_line_breaks_has_its_headings_at_their_lines() -> None:
    """cmark counts a lone CR as a line break, as YAML does (this file was an internal error)."""
    doc = Document("cr.md", "cr", b"---\ntitle: x\n---\n# A\r\r## B\rtext\r")
    assert doc.problems == []
    assert [(h.text, h.span.line, h.span.column, h.span.end_column) for h in doc.headings] == [
        ("A", 4, 1, 4),
        ("B", 6, 1, 5),
    ]


def test_a_file_with_cr_line_breaks_has_frontmatter() -> None:
    """libyaml reads `---\\r` as a document marker: it closes the frontmatter."""
    doc = Document("cr.md", "cr", b"---\rtitle: x\rslug: cr\r---\r\r## B\r")
    assert doc.problems == []
    assert doc.data == {"title": "x", "slug": "cr"}
    assert doc.span_finder().key_span(("slug",)).line == 3
    assert [(h.text, h.span.line) for h in doc.headings] == [("B", 6)]


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_headings_below_breaks_cmark_does_not_know(brk: str) -> None:
    """cmark does not end a line at NEL, LS or PS; YAML, and so every position, does."""
    doc = Document("x.md", "x", f"---\ntitle: x\n---\nsome{brk}text\n\n## B{brk}c\n\ntext\n".encode())
    [heading] = doc.headings
    assert heading.span.line == 7  # `some`, `text`, a blank line, then the heading
    assert (heading.span.end_line, heading.span.end_column) == (8, 2)  # `c` is on its line


# ---------------------------------------------------------------------------------------------
# Suppressions and code frames count the same lines


def test_suppression_comments_cover_the_lines_yaml_counts() -> None:
    from patternlint import suppressions

    text = (
        '---\ntitle: "a\u2028b"\n# patternlint: ignore[PL102]\nfoo: 1\n---\n'
        "text\rmore\r<!-- patternlint-disable-next-line PL401 -->\r## X\r"
    )
    found = suppressions.parse(Document("x.md", "x", text.encode()))
    assert [(s.selectors, s.span.line, s.first_line, s.last_line) for s in found] == [
        (("PL102",), 4, 5, 5),  # the title takes lines 2 and 3
        (("PL401",), 9, 10, 10),  # the body starts on line 7
    ]


@pytest.mark.parametrize("brk", ["\r", "\r\n", "\x85", "\u2028", "\u2029"], ids=["CR", "CRLF", "NEL", "LS", "PS"])
def test_code_frames_show_the_lines_yaml_counts(brk: str, tmp_path: Path) -> None:
    from patternlint.reporters.full import SourceLines

    path = tmp_path / "x.md"
    path.write_bytes(f"---{brk}title: é{brk}weight: 1.4{brk}---{brk}".encode())
    lines = SourceLines().get(str(path), 3)
    assert lines is not None and list(lines) == ["---", "title: é", "weight: 1.4"]
