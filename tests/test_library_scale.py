"""Library rules at scale: a knot of K patterns and an id shared by K files cost time linear
in K, and their messages name a few files and count the rest."""

from __future__ import annotations

import time

from patternlint.index import LibraryIndex
from patternlint.facts import FileRecord, Link
from patternlint.model import Span
from dataclasses import replace

from patternlint.contract import built_in
from patternlint.links import General
from patternlint.facts import Layout
from patternlint.rules import duplicate_id, generalization_cycle

COMMONS_V7_LINKS = built_in()["commons-v7"].links

SPAN = Span(10, 7, 10, 20)


def _record(slug: str, links: tuple[Link, ...] = (), pid: str | None = None) -> FileRecord:
    return FileRecord(f"{slug}.md", slug, Layout.V7, slug, SPAN, pid, SPAN if pid else None, links)


def _link(relation: str, target: str) -> Link:
    return Link(relation, target, "slug", SPAN, f"relationships.{relation}[0].slug")


def _ring(k: int, relation: str = "generalizes_from") -> list[FileRecord]:
    return [_record(f"p{i:05d}", (_link(relation, f"p{(i + 1) % k:05d}"),)) for i in range(k)]


def test_a_knot_of_thousands_is_reported_once_with_a_capped_message() -> None:
    started = time.monotonic()
    findings = list(generalization_cycle.check(LibraryIndex(_ring(2400), links=COMMONS_V7_LINKS), None))
    assert time.monotonic() - started < 5  # the search per member took minutes
    [finding] = findings
    message = finding.violation.message
    assert finding.path == "p00000.md"
    assert message.startswith("`generalizes_from` closes the cycle `p00000` → `p00001` → `p00002` → `p00003` → … 2396 more … → `p00000`")
    assert message.endswith("a pattern cannot be more general than itself")  # the cycle is the whole knot
    assert finding.violation.hint is not None and finding.violation.hint.endswith(
        "here or in `p00001.md`, `p00002.md`, `p00003.md` and 2396 more files"
    )


def test_a_knot_larger_than_its_shortest_cycle_counts_the_patterns_left_out() -> None:
    records = _ring(200)
    records[0] = _record("p00000", (_link("generalizes_from", "p00001"), _link("generalizes_from", "p00197")))
    [finding] = generalization_cycle.check(LibraryIndex(records, links=COMMONS_V7_LINKS), None)
    assert finding.violation.message == (
        "`generalizes_from` closes the cycle `p00000` → `p00197` → `p00198` → `p00199` → `p00000` "
        "(each generalizes from the next); a pattern cannot be more general than itself; 200 patterns "
        "are caught in cycles with each other, reported once here: also `p00001`, `p00002`, `p00003` and 193 more"
    )


def test_a_small_cycle_is_reported_on_every_file_that_writes_one_of_its_links() -> None:
    findings = list(generalization_cycle.check(LibraryIndex(_ring(3), links=COMMONS_V7_LINKS), None))
    assert [f.path for f in findings] == ["p00000.md", "p00001.md", "p00002.md"]
    assert findings[0].violation.message == (
        "`generalizes_from` closes the cycle `p00000` → `p00001` → `p00002` → `p00000` "
        "(each generalizes from the next); a pattern cannot be more general than itself"
    )


def test_the_profile_declares_which_end_of_a_link_is_the_more_general() -> None:
    # `a` generalizes_from `b`, `b` specializes_to `a`: inverses under ADR-0005's reading, a
    # cycle when a profile reads both types as naming the more general pattern.
    records = [_record("a", (_link("generalizes_from", "b"),)), _record("b", (_link("specializes_to", "a"),))]
    assert list(generalization_cycle.check(LibraryIndex(records, links=COMMONS_V7_LINKS), None)) == []
    both_up = (("generalizes_from", General.TARGET), ("specializes_to", General.TARGET))
    findings = list(generalization_cycle.check(LibraryIndex(records, links=replace(COMMONS_V7_LINKS, hierarchy=both_up)), None))
    assert [f.path for f in findings] == ["a.md", "b.md"]
    assert findings[0].violation.message == (
        "`generalizes_from` closes the cycle `a` → `b` → `a` (each generalizes from the next); "
        "a pattern cannot be more specific than itself"
    )


def test_an_id_shared_by_thousands_of_files_names_three_and_counts_the_rest() -> None:
    records = [_record(f"p{i:05d}", pid="pat_same") for i in range(2400)]
    started = time.monotonic()
    findings = list(duplicate_id.check(LibraryIndex(records, links=COMMONS_V7_LINKS), None))
    assert time.monotonic() - started < 5
    assert len(findings) == 2400
    assert findings[1].violation.message == (
        "id `pat_same` is also used by `p00000.md`, `p00002.md`, `p00003.md` and 2396 more files"
    )


def test_one_file_more_is_counted_in_the_singular() -> None:
    records = [_record(f"p{i}", pid="pat_same") for i in range(5)]
    findings = list(duplicate_id.check(LibraryIndex(records, links=COMMONS_V7_LINKS), None))
    assert findings[0].violation.message == "id `pat_same` is also used by `p1.md`, `p2.md`, `p3.md` and 1 more file"
