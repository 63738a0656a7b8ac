"""Inline suppressions in frontmatter (YAML comments) and body (HTML comments), and the
unused-suppression finding."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from patternlint.pipeline import lint
from patternlint.settings import default_settings

FIXTURES = Path(__file__).parent / "fixtures" / "PL105-value-out-of-range"
BASE = (FIXTURES / "pass-peer-knowledge-exchange.md").read_text(encoding="utf-8")
SETTINGS = dataclasses.replace(default_settings(), cache_dir=None, jobs=1)


def findings(tmp_path: Path, text: str, **changes: object) -> list[tuple[int, str]]:
    lib = tmp_path / "lib"
    lib.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "pass-accountability-partnership.md", lib)
    (lib / "pass-peer-knowledge-exchange.md").write_text(text, encoding="utf-8")
    settings = dataclasses.replace(SETTINGS, **changes)
    result = lint([lib / "pass-peer-knowledge-exchange.md"], settings, cwd=tmp_path)
    return [(f.span.line, f.code) for f in result.findings]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_unsuppressed_baseline(tmp_path: Path) -> None:
    text = BASE.replace("      weight: 0.88\n", "      weight: 1.4\n", 1)
    assert findings(tmp_path, text) == [(line_of(text, "weight: 1.4"), "PL105")]


def test_same_line_ignore_by_code_and_by_name(tmp_path: Path) -> None:
    for selector in ("PL105", "value-out-of-range", "PL1", "ALL"):
        text = BASE.replace("      weight: 0.88\n", f"      weight: 1.4  # patternlint: ignore[{selector}]\n", 1)
        assert findings(tmp_path, text) == [], selector


def test_comment_above_a_key_covers_its_subtree(tmp_path: Path) -> None:
    text = BASE.replace("relationships:\n", "# patternlint: ignore[PL105]\nrelationships:\n", 1)
    text = text.replace("      weight: 0.88\n", "      weight: 1.4\n", 1)
    assert findings(tmp_path, text) == []
    # ... but not beyond it: a score out of range in another group still shows
    text = text.replace("    overall_score: 3.7", "    overall_score: 7.7", 1)
    assert (line_of(text, "overall_score: 7.7"), "PL105") in findings(tmp_path, text)


def test_file_ignore(tmp_path: Path) -> None:
    text = BASE.replace("slug: pass-peer-knowledge-exchange\n", "slug: pass-peer-knowledge-exchange\n# patternlint: file-ignore[value-out-of-range]\n", 1)
    text = text.replace("      weight: 0.88\n", "      weight: 1.4\n", 1)
    assert findings(tmp_path, text) == []


def test_hash_inside_a_quoted_string_is_not_a_comment(tmp_path: Path) -> None:
    text = BASE.replace('title: "Peer Knowledge Exchange"', 'title: "Peer # patternlint: file-ignore[ALL]"', 1)
    text = text.replace("      weight: 0.88\n", "      weight: 1.4\n", 1)
    assert findings(tmp_path, text) == [(line_of(text, "weight: 1.4"), "PL105")]


def test_body_disable_enable_and_next_line(tmp_path: Path) -> None:
    broken = BASE.replace("### Section 2: Problem", "### Section 9: Problem", 1)
    line = line_of(broken, "### Section 9: Problem")
    assert findings(tmp_path, broken) == [(line, "PL402")]
    next_line = broken.replace("### Section 9: Problem", "<!-- patternlint-disable-next-line PL402 -->\n### Section 9: Problem", 1)
    assert findings(tmp_path, next_line) == []
    ranged = broken.replace("### Section 9: Problem", "<!-- patternlint-disable misnumbered-section -->\n### Section 9: Problem\n<!-- patternlint-enable misnumbered-section -->", 1)
    assert findings(tmp_path, ranged) == []
    too_early = broken.replace("### Section 9: Problem", "<!-- patternlint-disable PL402 -->\n<!-- patternlint-enable PL402 -->\n### Section 9: Problem", 1)
    comment = line_of(too_early, "<!-- patternlint-disable PL402")
    assert findings(tmp_path, too_early) == [(comment, "PL009"), (comment + 2, "PL402")]


def test_unused_and_unknown_suppressions_are_findings(tmp_path: Path) -> None:
    unused = BASE.replace("      weight: 0.88\n", "      weight: 0.88  # patternlint: ignore[PL105]\n", 1)
    assert findings(tmp_path, unused) == [(line_of(unused, "weight: 0.88"), "PL009")]
    unknown = BASE.replace("      weight: 0.88\n", "      weight: 1.4  # patternlint: ignore[PL999]\n", 1)
    line = line_of(unknown, "weight: 1.4")
    assert findings(tmp_path, unknown) == [(line, "PL105"), (line, "PL009")]  # by column


def test_ignore_suppressions_shows_everything(tmp_path: Path) -> None:
    text = BASE.replace("      weight: 0.88\n", "      weight: 1.4  # patternlint: ignore[PL105]\n", 1)
    assert findings(tmp_path, text, ignore_suppressions=True) == [(line_of(text, "weight: 1.4"), "PL105")]


def test_cross_file_findings_are_suppressed_where_reported(tmp_path: Path) -> None:
    text = BASE.replace("    - slug: pass-accountability-partnership\n", "    - slug: no-such-pattern  # patternlint: ignore[unresolved-relationship]\n", 1)
    assert findings(tmp_path, text) == []


def test_suppressions_survive_the_cache(tmp_path: Path) -> None:
    text = BASE.replace("      weight: 0.88\n", "      weight: 1.4  # patternlint: ignore[PL105]\n", 1)
    cached = {"cache_dir": tmp_path / "cache"}
    assert findings(tmp_path, text, **cached) == []
    assert findings(tmp_path, text, **cached) == []  # the whole result, from the cache
    # Another file changes: this file's entry (with its suppression) is read from the cache.
    settings = dataclasses.replace(SETTINGS, cache_dir=tmp_path / "cache")
    other = tmp_path / "lib" / "pass-accountability-partnership.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = lint([tmp_path / "lib"], settings, cwd=tmp_path)
    assert [f.code for f in result.findings if "peer" in f.path] == []


def test_bare_ignore_and_bare_disable_cover_every_rule(tmp_path: Path) -> None:
    text = BASE.replace("      weight: 0.88\n", "      weight: 1.4  # patternlint: ignore\n", 1)
    assert findings(tmp_path, text) == []
    body = BASE.replace("### Section 2: Problem", "<!-- patternlint-disable-next-line -->\n### Section 9: Problem", 1)
    assert findings(tmp_path, body) == []


def test_a_suppression_of_a_rule_not_run_is_not_unused(tmp_path: Path) -> None:
    text = BASE.replace("      weight: 0.88\n", "      weight: 1.4  # patternlint: ignore[PL105]\n", 1)
    assert findings(tmp_path, text, codes=tuple(c for c in SETTINGS.codes if c != "PL105")) == []
