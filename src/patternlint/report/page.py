"""The report as one self-contained HTML page: the data as compact JSON (columns, string
tables, flat number arrays), the page's own script and style, and the vendored graph and chart
libraries, all inlined. Opening it needs no network."""

from __future__ import annotations

import html
import re
from importlib import resources
from typing import Any

import orjson

from patternlint import __version__
from patternlint.facts import SCORES
from patternlint.report.data import Report

VENDORED = ("graphology.umd.min.js", "sigma.min.js", "graphology-library.min.js", "chart.umd.min.js")


class _Table:
    """A string table: each distinct string once, referred to by its position."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._at: dict[str, int] = {}

    def __call__(self, value: str | None) -> int:
        if value is None:
            return -1
        at = self._at.get(value)
        if at is None:
            at = self._at[value] = len(self.items)
            self.items.append(value)
        return at


def payload(report: Report) -> dict[str, Any]:
    """The data the page's script reads."""
    layouts, profiles, domains, relations, texts = _Table(), _Table(), _Table(), _Table(), _Table()
    codes = sorted({f.code for f in report.findings} | {c.code for c in report.causes})
    rule_at = {code: i for i, code in enumerate(codes)}
    nodes = report.nodes
    edges: list[int] = []
    for e in report.edges:
        edges += (e.source, e.target, relations(e.relation), int(e.curated))
    broken: list[int] = []
    for b in report.broken:
        broken += (b.source, relations(b.relation), int(b.curated), texts(b.target))
    findings: list[int] = []
    for f, node in zip(report.findings, report.finding_nodes):
        findings += (node, f.span.line, f.span.column, rule_at[f.code], int(f.severity), texts(f.message), texts(f.hint))
    pairs: list[float] = []
    for node, mean, overall in report.score_pairs:
        pairs += (node, round(mean, 4), overall)
    finding_at = {id(f): i for i, f in enumerate(report.findings)}
    # Paths and links as a folder (shared by many files) and a file name: a third of the data
    # otherwise.
    folders: dict[tuple[str, str], int] = {}
    places: list[int] = []
    files: list[str] = []
    for n in nodes:
        folder, _, name = n.path.rpartition("/")
        way, _, _ = n.href.rpartition("/")
        places.append(folders.setdefault((folder, way), len(folders)))
        files.append(name)
    return {
        "version": __version__,
        "root": report.root,
        "dims": list(SCORES),
        "nodes": {
            "folder": places,
            "file": files,
            "name": [n.name for n in nodes],
            "layout": [layouts(n.layout) for n in nodes],
            "profile": [profiles(n.profile) for n in nodes],
            "domain": [domains(n.domain) for n in nodes],
            "scores": [list(n.scores) if n.scores else 0 for n in nodes],
        },
        "folders": [[folder, way] for folder, way in folders],
        "layouts": layouts.items,
        "profiles": profiles.items,
        "domains": domains.items,
        "edges": edges,
        "broken": broken,
        "findings": findings,
        "new": None if report.new is None else [int(x) for x in report.new],
        "rules": [[code, *report.rules.get(code, ("", ""))] for code in codes],
        "overview": {
            "layout": report.by_layout,
            "profile": report.by_profile,
            "severity": report.by_severity,
            "rule": report.by_rule,
            "baseline": None if report.baseline is None else vars(report.baseline),
        },
        "causes": [
            {
                "rule": rule_at[c.code],
                "severity": int(c.severity),
                "template": c.template,
                "findings": c.findings,
                "files": c.files,
                "examples": [finding_at[id(f)] for f in c.examples],
                "decision": c.decision,
            }
            for c in report.causes
        ],
        "orphans": list(report.orphans),
        "untargeted": list(report.untargeted),
        "cycles": [list(c) for c in report.cycles],
        "coverage": [[c.relation, c.checkable, c.covered] for c in report.coverage],
        "letters": report.letters,
        "scoreBins": {k: [[b, n] for b, n in v.items()] for k, v in report.score_bins.items()},
        "scorePairs": pairs,
        "mismatches": report.mismatches,
        "degrees": {k: [[d, n] for d, n in v.items()] for k, v in report.degrees.items()},
        "sections": [[s.section, list(s.missing), list(s.empty), list(s.short), list(s.long)] for s in report.sections],
        "relations": relations.items,
        "texts": texts.items,
    }


def _asset(name: str) -> str:
    return resources.files("patternlint.report").joinpath(name).read_text(encoding="utf-8")


def _script(text: str) -> str:
    # Inside <script>, only `</script` (any case) ends the element early.
    return text.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def render(report: Report) -> str:
    blob = orjson.dumps(payload(report)).decode("utf-8")
    data = blob.replace("</", "<\\/")  # `\/` is `/` in JSON: the page's data cannot close its element
    vendored = "\n".join(f"<script>{_script(_asset('vendor/' + name))}</script>" for name in VENDORED)
    parts = {
        "title": html.escape(f"Health report: {report.root}"),
        "style": _asset("app.css"),
        "vendor": vendored,
        "data": data,
        "app": _script(_asset("app.js")),
    }
    # One pass over the template: a value is never searched for placeholders.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], _asset("template.html"))
