"""The health report's data (`patternlint report`): every number is checked against a count this
test makes itself from the small library it writes, not against the report's own code."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from patternlint.cli.app import app
from patternlint.facts import SCORES
from patternlint.contract import built_in

COMMONS_V7_LINKS = built_in()["commons-v7"].links
INVERSE = dict(COMMONS_V7_LINKS.inverses)
from patternlint.report.data import Edge, Report, cycles
from patternlint.report.page import VENDORED, payload, render
from patternlint.report.run import lint
from patternlint.config import built_in
from patternlint.service import CheckRequest, Gate, Selection

REQUIRED_SECTIONS = built_in()["commons-v7"].sections.names  # type: ignore[union-attr]

FLAT = [3.0] * 8
# slug → (domain, eight dimension scores and the overall score, curated links, inferred links,
# sections written (None: all, with text; a name ending in `!`: the heading with no text))
PATTERNS: dict[str, dict[str, Any]] = {
    "alpha": {
        "domain": "governance",
        "scores": [*FLAT, 3.0],
        "links": {"complementary": ["beta"], "generalizes_from": ["gamma"], "enables": ["missing-one", "delta"]},
        "inferred": [("enables", "beta"), ("requires", "nowhere")],
        "sections": None,
    },
    "beta": {
        "domain": "governance",
        "scores": [3.0] * 7 + [4.0, 4.0],  # the mean is 3.125: a mismatch
        "links": {"complementary": ["alpha"], "alternatives": ["gamma"]},
        "inferred": [],
        "sections": [s for s in REQUIRED_SECTIONS if s != "Vitality"],
    },
    "gamma": {
        "domain": "operations",
        "scores": [4.0] * 8 + [4.0],
        "links": {"generalizes_from": ["alpha"], "requires": ["beta"]},
        "inferred": [],
        "sections": ["Context!", *REQUIRED_SECTIONS[1:]],
    },
    "delta": {
        "domain": "operations",
        "scores": [2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.5],
        "links": {},
        "inferred": [],
        "sections": [s for s in REQUIRED_SECTIONS if s not in ("Problem", "Solution")],
    },
    "epsilon": {"domain": "culture", "scores": [*FLAT, 3.0], "links": {}, "inferred": [], "sections": None},
}
V1_FILES = ("old-one", "old-two")


def _pattern(slug: str, spec: dict[str, Any]) -> str:
    data: dict[str, Any] = {
        "id": f"pat_{slug}",
        "slug": slug,
        "title": slug.title(),
        "ontology": {
            "domain": spec["domain"],
            "commons_assessment": dict(zip(SCORES, spec["scores"])),
        },
        "relationships": {rel: [{"slug": t, "weight": 0.8} for t in targets] for rel, targets in spec["links"].items()},
        "graph_garden": {"inferred_links": [{"target": t, "type": kind} for kind, t in spec["inferred"]]},
    }
    body = [f"# {slug.title()}", ""]
    for n, name in enumerate(REQUIRED_SECTIONS, 1):
        written = spec["sections"] if spec["sections"] is not None else list(REQUIRED_SECTIONS)
        if name in written:
            body += [f"### Section {n}: {name}", "", f"Text of the {name} section.", ""]
        elif name + "!" in written:
            body += [f"### Section {n}: {name}", ""]
    return "---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n\n" + "\n".join(body) + "\n"


def _v1(slug: str) -> str:
    return (
        f"---\nid: pat_{slug}\nslug: {slug}\ntitle: Old\nclassification:\n  domain: legacy\n"
        f"page_url: https://example.org/{slug}/\n---\n\n# Old\n"
    )


def _library(root: Path, v1: tuple[str, ...] = V1_FILES) -> Path:
    lib = root / "lib"
    lib.mkdir()
    for slug, spec in PATTERNS.items():
        (lib / f"{slug}.md").write_text(_pattern(slug, spec), encoding="utf-8")
    for slug in v1:
        (lib / f"{slug}.md").write_text(_v1(slug), encoding="utf-8")
    return lib


def _report(tmp_path: Path, lib: Path, baseline: Path | None = None) -> Report:
    request = CheckRequest(
        (lib,), tmp_path, Selection(isolated=True, no_cache=True), Gate(baseline=baseline)
    )
    return lint(request, tmp_path / "out")


def _check_json(tmp_path: Path, lib: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["check", str(lib), "--isolated", "--no-cache", "-f", "json"])
    findings: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return findings


@pytest.fixture()
def made(tmp_path: Path) -> tuple[Path, Report]:
    lib = _library(tmp_path)
    return lib, _report(tmp_path, lib)


def _curated() -> list[tuple[str, str, str]]:
    return [(s, rel, t) for s, spec in PATTERNS.items() for rel, ts in spec["links"].items() for t in ts]


def test_nodes_and_edges_are_every_file_and_every_link_that_resolves(made: tuple[Path, Report]) -> None:
    _, report = made
    names = [n.name for n in report.nodes]
    assert sorted(names) == sorted([*PATTERNS, *V1_FILES])
    inferred = [(s, kind, t) for s, spec in PATTERNS.items() for kind, t in spec["inferred"]]
    every = [(s, r, t, True) for s, r, t in _curated()] + [(s, r, t, False) for s, r, t in inferred]
    resolved = sorted((s, r, t, c) for s, r, t, c in every if t in PATTERNS)
    unresolved = sorted((s, r, t, c) for s, r, t, c in every if t not in PATTERNS)
    assert sorted((names[e.source], e.relation, names[e.target], e.curated) for e in report.edges) == resolved
    assert sorted((names[b.source], b.relation, b.target, b.curated) for b in report.broken) == unresolved


def test_counts_per_layout_profile_severity_and_rule_match_check(tmp_path: Path, made: tuple[Path, Report]) -> None:
    lib, report = made
    assert report.by_layout == {"v7": len(PATTERNS), "v1": len(V1_FILES)}
    assert report.by_profile == {"commons-v7": len(PATTERNS) + len(V1_FILES)}
    checked = _check_json(tmp_path, lib)
    assert report.by_severity == {s: sum(1 for f in checked if f["severity"] == s) for s in ("error", "warning", "info")}
    assert report.by_rule == dict(Counter(f["code"] for f in checked))
    assert len(report.findings) == len(checked)


def test_orphans_never_targeted_and_generalization_cycles(made: tuple[Path, Report]) -> None:
    _, report = made
    names = [n.name for n in report.nodes]
    joined = {s for s, _, t in _curated() if t in PATTERNS} | {t for _, _, t in _curated() if t in PATTERNS}
    assert sorted(names[i] for i in report.orphans) == sorted(set(PATTERNS) - joined)
    targeted = {t for _, _, t in _curated()}
    assert sorted(names[i] for i in report.untargeted) == sorted(set(PATTERNS) - targeted)
    # alpha generalizes from gamma, and gamma from alpha
    assert [sorted(names[i] for i in cycle) for cycle in report.cycles] == [["alpha", "gamma"]]


def test_a_generalization_cycle_is_every_pattern_on_it_and_no_pattern_off_it() -> None:
    # 0 → 1 → 2 → 0 is a cycle (each generalizes from the next, or the next specializes to it);
    # 3 generalizes from 0 but nothing comes back to 3; 4 generalizes from itself; `enables`
    # links do not make a cycle (5 ↔ 6).
    edges = [
        Edge(0, 1, "generalizes_from", True),
        Edge(2, 1, "specializes_to", True),
        Edge(2, 0, "generalizes_from", True),
        Edge(3, 0, "generalizes_from", True),
        Edge(4, 4, "generalizes_from", True),
        Edge(5, 6, "enables", True),
        Edge(6, 5, "enables", True),
        Edge(3, 6, "generalizes_from", False),  # inferred links do not count either
        Edge(6, 3, "generalizes_from", False),
    ]
    assert cycles(7, edges, COMMONS_V7_LINKS) == ((0, 1, 2), (4,))


def test_inverse_coverage_counts_links_the_target_writes_back(made: tuple[Path, Report]) -> None:
    _, report = made
    links = {(s, r, t) for s, r, t in _curated()}
    expected = {}
    for relation, inverse in INVERSE.items():
        checkable = [(s, t) for s, r, t in links if r == relation and t in PATTERNS and t != s]
        expected[relation] = (len(checkable), sum(1 for s, t in checkable if (t, inverse, s) in links))
    assert {c.relation: (c.checkable, c.covered) for c in report.coverage} == expected


def test_first_letters_of_targets_and_slugs(made: tuple[Path, Report]) -> None:
    _, report = made
    curated = Counter(t[0] for _, _, t in _curated())
    inferred = Counter(t[0] for spec in PATTERNS.values() for _, t in spec["inferred"])
    slugs = Counter(s[0] for s in PATTERNS)
    for kind, counts in (("curated", curated), ("inferred", inferred), ("slugs", slugs)):
        assert {k: v for k, v in report.letters[kind].items() if v} == dict(counts)


def test_scores_their_bins_and_the_overall_mismatches(made: tuple[Path, Report]) -> None:
    _, report = made
    means = {slug: sum(spec["scores"][:8]) / 8 for slug, spec in PATTERNS.items()}
    mismatched = [slug for slug, spec in PATTERNS.items() if abs(means[slug] - spec["scores"][8]) > 0.05]
    assert report.mismatches == len(mismatched) == 2
    for k, dimension in enumerate(SCORES):
        values = Counter(spec["scores"][k] for spec in PATTERNS.values())
        assert {b: n for b, n in report.score_bins[dimension].items() if n} == dict(values)


def test_links_per_pattern_in_and_out(made: tuple[Path, Report]) -> None:
    _, report = made
    resolved = [(s, t) for s, _, t in _curated() if t in PATTERNS and t != s]
    out, into = Counter(s for s, _ in resolved), Counter(t for _, t in resolved)
    for kind, counter in (("out", out), ("in", into)):
        expected = Counter(counter[slug] for slug in PATTERNS)
        assert {d: n for d, n in report.degrees[kind].items() if n} == dict(expected)


def test_section_completeness_says_which_sections_are_missing_or_empty_where(made: tuple[Path, Report]) -> None:
    _, report = made
    names = [n.name for n in report.nodes]
    gaps = {s.section: s for s in report.sections}
    for section in REQUIRED_SECTIONS:
        missing = sorted(
            slug
            for slug, spec in PATTERNS.items()
            if spec["sections"] is not None and section not in spec["sections"] and section + "!" not in spec["sections"]
        )
        empty = sorted(slug for slug, spec in PATTERNS.items() if spec["sections"] and section + "!" in spec["sections"])
        got = gaps.get(section)
        assert (sorted(names[i] for i in got.missing) if got else []) == missing, section
        assert (sorted(names[i] for i in got.empty) if got else []) == empty, section


def test_a_cause_across_many_files_is_one_systemic_cause(tmp_path: Path) -> None:
    old = tuple(f"old-{n:02}" for n in range(12))
    lib = _library(tmp_path, old)
    report = _report(tmp_path, lib)
    causes = [c for c in report.causes if c.files == len(old)]
    assert len(causes) == 1
    cause = causes[0]
    assert cause.findings == len(old) and cause.rule == "legacy-layout"
    assert len({e.path for e in cause.examples}) == 3
    assert "per-file-profiles" in cause.decision
    # the five v7 patterns' findings are each in fewer files than a cause needs
    assert all(c.files >= 10 for c in report.causes)


def test_links_to_files_are_relative_to_the_report(made: tuple[Path, Report]) -> None:
    _, report = made
    assert sorted(n.href for n in report.nodes) == sorted(f"../lib/{s}.md" for s in [*PATTERNS, *V1_FILES])


def test_a_baseline_shows_new_and_fixed_findings(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    before = _check_json(tmp_path, lib)
    runner = CliRunner()
    baseline = tmp_path / "baseline.json"
    result = runner.invoke(app, ["check", str(lib), "--isolated", "--no-cache", "--write-baseline", str(baseline)])
    assert result.exit_code == 0, result.output
    (lib / "old-one.md").unlink()  # its findings are fixed
    (lib / "zeta.md").write_text(_v1("zeta"), encoding="utf-8")  # its findings are new
    after = _check_json(tmp_path, lib)
    key = lambda f: (Path(f["path"]).name, f["code"], f["message"])  # noqa: E731
    new = Counter(map(key, after)) - Counter(map(key, before))
    fixed = Counter(map(key, before)) - Counter(map(key, after))
    report = _report(tmp_path, lib, baseline)
    assert report.baseline is not None and report.new is not None
    assert (report.baseline.new, report.baseline.fixed) == (sum(new.values()), sum(fixed.values()))
    assert report.baseline.known == len(after) - sum(new.values())
    flagged = Counter((Path(f.path).name, f.code, f.message) for f, is_new in zip(report.findings, report.new) if is_new)
    assert flagged == new


def test_the_page_is_self_contained_and_its_data_is_the_report(made: tuple[Path, Report]) -> None:
    _, report = made
    page = render(report)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "fetch(" not in page.split('id="report-data"')[-1]
    # Every vendored library (the graph's and the charts') is inside the page, whole.
    folder = Path(__file__).resolve().parent.parent / "src" / "patternlint" / "report" / "vendor"
    for name in VENDORED:
        assert f"<script>{(folder / name).read_text(encoding='utf-8')}</script>" in page, name
    embedded = re.search(r'<script id="report-data" type="application/json">(.*?)</script>', page, re.S)
    assert embedded is not None
    data = json.loads(embedded.group(1))
    assert data == json.loads(json.dumps(payload(report)))
    assert len(data["edges"]) == 4 * len(report.edges) and len(data["nodes"]["file"]) == len(report.nodes)
    folders = data["folders"]
    assert [f"{folders[k][1]}/{name}" for k, name in zip(data["nodes"]["folder"], data["nodes"]["file"])] == [
        n.href for n in report.nodes
    ]


def test_a_value_that_would_close_the_script_stays_data(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    spec = dict(PATTERNS["alpha"], links={"enables": ["</script><script>alert(1)</script>"]})
    (lib / "alpha.md").write_text(_pattern("alpha", spec), encoding="utf-8")
    page = render(_report(tmp_path, lib))
    assert "alert(1)</script>" not in page
    embedded = re.search(r'<script id="report-data" type="application/json">(.*?)</script>', page, re.S)
    assert embedded is not None and "</script><script>alert(1)</script>" in json.loads(embedded.group(1))["texts"]


def test_the_command_writes_the_report_and_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = _library(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["report", "lib", "-o", "out/report.html", "--isolated", "--no-cache"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    n = len(PATTERNS) + len(V1_FILES)
    assert re.fullmatch(rf"wrote the health report `out/report\.html`: {n} files, \d+ links, \d+ findings \(\d+ KiB\)\n", result.stderr)
    assert lib.is_dir()


def test_report_takes_the_same_selection_options_as_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # One declaration of the shared options (cli/options.py): `--config KEY=VALUE` and
    # `--profile` mean in `report` what they mean in `check`.
    _library(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ["lib", "--isolated", "--no-cache", "--config", 'select = ["PL010"]', "--profile", "commons-v7"]
    checked = CliRunner().invoke(app, ["check", *args, "-f", "json"])
    expected = len(json.loads(checked.stdout)["findings"])
    assert expected == len(V1_FILES)
    result = CliRunner().invoke(app, ["report", *args, "-o", "report.html"])
    assert result.exit_code == 0, result.output
    assert f", {expected} findings (" in result.stderr
    check_help = CliRunner().invoke(app, ["check", "--help"]).stdout
    report_help = CliRunner().invoke(app, ["report", "--help"]).stdout
    for option in ("--config", "--profile", "--select", "--cache-dir", "--library"):
        assert option in check_help and option in report_help


def test_an_unwritable_output_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _library(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    result = CliRunner().invoke(app, ["report", "lib", "-o", "taken/report.html", "--isolated", "--no-cache"])
    assert result.exit_code == 2
    assert result.stderr.startswith("patternlint: error: cannot write `taken/report.html`: ")
    assert result.stderr.count("\n") == 1


def test_files_count_under_the_profile_the_configuration_gives_them(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    (lib / "patternlint.toml").write_text('[per-file-profiles]\n"old-*.md" = "commons-v1"\n', encoding="utf-8")
    request = CheckRequest((lib,), tmp_path, Selection(no_cache=True))
    report = lint(request, tmp_path)
    assert report.by_profile == {"commons-v7": len(PATTERNS), "commons-v1": len(V1_FILES)}
    assert {n.name: n.profile for n in report.nodes if n.name.startswith("old-")} == dict.fromkeys(V1_FILES, "commons-v1")


def test_the_vendored_libraries_are_the_ones_versions_lists_with_their_licenses() -> None:
    import hashlib

    folder = Path(__file__).resolve().parent.parent / "src" / "patternlint" / "report" / "vendor"
    rows = [line.split() for line in (folder / "VERSIONS").read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert sorted(row[2] for row in rows) == sorted(VENDORED)
    # Nothing in the folder that VERSIONS does not account for: a library and its license each.
    listed = {"VERSIONS"} | {row[2] for row in rows} | {f"{row[0]}.LICENSE.txt" for row in rows}
    assert {p.name for p in folder.iterdir()} == listed
    for name, version, file, license, digest in rows:
        assert hashlib.sha256((folder / file).read_bytes()).hexdigest() == digest, file
        assert license == "MIT" and "Permission is hereby granted, free of charge" in (folder / f"{name}.LICENSE.txt").read_text(encoding="utf-8")
        assert re.fullmatch(r"\d+\.\d+\.\d+", version)
