"""`--output-format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.

Every rule of the registry is described (id, name, short and full description, help as text
and markdown, a `helpUri` to its page in docs/rules, default level); every result has its rule,
level, message, an artifact URI relative to the repository root (`%SRCROOT%`, which
`originalUriBaseIds` defines) and a full region. `partialFingerprints` come from the code, path and message (which names
the JSON pointer or slug), not from line numbers, so an alert survives edits that move it.
"""

from __future__ import annotations

from dataclasses import replace

import json
import os
import re
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from patternlint import __version__
from patternlint.result import LintResult
from patternlint.model import Rule, Severity
from patternlint.reporters import RepositoryPaths
from patternlint.reporters.escape import clean

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "patternlint/v1"
# A rule's page: docs/rules/CODE.md at the release's tag (scripts/rule_docs.py writes them, the
# same text as `patternlint explain CODE`), so a page always describes the version that ran.
REPOSITORY_URL = "https://github.com/patternlint/patternlint"
HELP_URI = REPOSITORY_URL + "/blob/v{version}/docs/rules/{code}.md"
SRCROOT = "%SRCROOT%"
_WHAT_IT_DOES = re.compile(r"^## What it does\n(.+?)(?:\n\n|\n## |\Z)", re.DOTALL | re.MULTILINE)


def artifact_uri(path: str) -> dict[str, str]:
    """A relative path as a URI relative to the checkout (`%SRCROOT%`); bytes are %-encoded."""
    if os.sep != "/":
        path = path.replace(os.sep, "/")
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = clean(path).encode("utf-8")
    if os.path.isabs(path):
        return {"uri": "file://" + quote(raw if raw.startswith(b"/") else b"/" + raw)}
    return {"uri": quote(raw), "uriBaseId": SRCROOT}


def full_description(rule: Rule[Any]) -> str:
    """The rule's "What it does" paragraph, on one line."""
    match = _WHAT_IT_DOES.search(rule.doc)
    if match is None:
        return rule.summary
    return " ".join(match.group(1).split())


def rule_descriptor(rule: Rule[Any]) -> dict[str, Any]:
    doc = rule.doc.strip()
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full_description(rule)},
        "helpUri": HELP_URI.format(version=__version__, code=rule.code),
        "help": {"text": doc, "markdown": f"# {rule.code} {rule.name}\n\n{rule.summary}.\n\n{doc}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.scope.value], "precision": "very-high"},
    }
    if not rule.enabled_by_default:
        descriptor["defaultConfiguration"]["enabled"] = False
    return descriptor


def to_dict(result: LintResult, cwd: Path | None = None) -> dict[str, Any]:
    from patternlint.baseline import fingerprints
    from patternlint.rules import RULES

    paths = RepositoryPaths(result.library_root, cwd)
    index = {rule.code: i for i, rule in enumerate(RULES)}
    results = []
    for f, fingerprint in zip(result.findings, fingerprints([replace(f, path=paths(f.path)) for f in result.findings])):
        message = clean(f.message) + (f"\nhint: {clean(f.hint)}" if f.hint else "")
        item: dict[str, Any] = {"ruleId": f.code}
        if f.code in index:
            item["ruleIndex"] = index[f.code]
        item.update(
            {
                "level": LEVELS[f.severity],
                "message": {"text": message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": artifact_uri(paths(f.path)),
                            "region": {
                                "startLine": f.span.line,
                                "startColumn": f.span.column,
                                "endLine": f.span.end_line,
                                "endColumn": f.span.end_column,
                            },
                        }
                    }
                ],
                "partialFingerprints": {FINGERPRINT: fingerprint},
            }
        )
        results.append(item)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "patternlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rule_descriptor(rule) for rule in RULES],
                    }
                },
                "originalUriBaseIds": {
                    SRCROOT: {
                        "uri": paths.base.as_uri().rstrip("/") + "/",
                        "description": {"text": "The repository root (the library root outside a repository)"},
                    }
                },
                # Columns count characters (code points), as patternlint does everywhere.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(result: LintResult, stream: TextIO) -> None:
    stream.write(json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n")
