"""Fuzzing: mutate real pattern files and check that nothing escapes.

Two parts:

- A property-based test (hypothesis) over byte, YAML and heading mutations: no exception,
  machine output that parses, every finding inside its file. A longer run:
  `PATTERNLINT_FUZZ_EXAMPLES=5000`.
- A seeded slice of the project's fuzz campaign, `scripts/fuzz.py` (its docstring says what it
  mutates and checks): a few hundred cases from `tests/fixtures` and `examples/`, in-process
  and through the CLI, each bounded to 10 s. Checks: no crash (no exit status 2), no hang,
  every finding inside its file and on the YAML token it names, every fix edit inside its
  token with the fixed frontmatter still a mapping, machine outputs valid. The full campaign
  (the reference libraries too, 200,000 cases, failing cases saved for reproduction):

      .venv/bin/python scripts/fuzz.py --cases 200000 --seed 1 --jobs 2 --out fuzz-failures

  `python scripts/fuzz.py --seed 1 --only N` re-runs case N and prints what failed.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import importlib.util
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patternlint.pipeline import lint
from patternlint.model import Finding, Severity, Span
from patternlint.reporters import github, json_report, junit, sarif
from patternlint.settings import default_settings

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = [
    FIXTURES / "PL105-value-out-of-range" / "pass-peer-knowledge-exchange.md",
    FIXTURES / "PL010-legacy-layout" / "fail-a3-thinking-toyota.md",
    FIXTURES / "PL402-misnumbered-section" / "fail-trailing-note.md",
]
PARTNER = FIXTURES / "PL105-value-out-of-range" / "pass-accountability-partnership.md"
EXAMPLES = int(os.environ.get("PATTERNLINT_FUZZ_EXAMPLES", "60"))
SETTINGS = dataclasses.replace(
    default_settings(), cache_dir=None, jobs=1, max_file_size=1_000_000, max_alias_expansion=10_000
)
TOKENS = [
    b"---", b"...", b"&a ", b"*a", b"[", b"]", b"{", b"}", b": ", b"- ", b"? ", b"!!python/object ",
    b"!custom ", b"#", b"\t", b"\r\n", b"\x00", b"\xff", b"\xef\xbb\xbf", b'"', b"'", b"|", b">-",
    b"### Section 3: Solution", b"## ", b"```", b"<!-- patternlint-disable ALL -->",
    b"# patternlint: ignore[PL105]", b"\x1b[2J", b"%0A::error::x", b"1.4", b".nan", b"yes", b"010",
    "é—★".encode(),
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)).read_bytes())
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "dupe-line", "drop-line", "indent", "heading"]))
        if kind == "flip" and data:
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
            lines = data.split(b"\n")
        elif kind == "insert":
            i = draw(st.integers(0, len(data)))
            data[i:i] = draw(st.sampled_from(TOKENS))
            lines = data.split(b"\n")
        elif kind == "delete" and data:
            i = draw(st.integers(0, len(data) - 1))
            del data[i : i + draw(st.integers(1, 40))]
            lines = data.split(b"\n")
        else:
            n = draw(st.integers(0, len(lines) - 1))
            if kind == "dupe-line":
                lines.insert(n, lines[n])
            elif kind == "drop-line":
                del lines[n]
            elif kind == "indent":
                lines[n] = draw(st.sampled_from([b"  ", b"    ", b"\t", b""])) + lines[n].lstrip()
            else:
                lines[n] = draw(st.sampled_from([b"# ", b"## ", b"### ", b"#### "])) + draw(
                    st.sampled_from([b"Section 1: Context", b"2. Problem", b"Vitality", b"Section 9: X"])
                )
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(content=mutated())
def test_mutated_real_files_never_break_the_linter(tmp_path_factory, content: bytes) -> None:  # type: ignore[no-untyped-def]
    lib = tmp_path_factory.mktemp("lib")
    shutil.copy(PARTNER, lib / PARTNER.name)
    target = lib / "pass-peer-knowledge-exchange.md"
    target.write_bytes(content)
    result = lint([target], SETTINGS, cwd=lib)  # must not raise

    lines = content.count(b"\n") + 1
    for finding in result.findings:
        assert finding.path == target.name
        assert 1 <= finding.span.line <= lines, finding
        assert finding.span.line <= finding.span.end_line <= lines, finding
        assert finding.span.column >= 1, finding
    for render, parse in (
        (json_report.render, json.loads),
        (sarif.render, json.loads),
        (junit.render, ElementTree.fromstring),
    ):
        stream = io.StringIO()
        render(result, stream)
        parse(stream.getvalue())
    stream = io.StringIO()
    github.render(result, stream)
    for line in stream.getvalue().splitlines()[:-1]:
        assert line.startswith(("::error ", "::warning ", "::notice ")), line


def _campaign_module():  # type: ignore[no-untyped-def]
    path = Path(__file__).parent.parent / "scripts" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("patternlint_fuzz", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


fuzz = _campaign_module()
SLICE_CASES = int(os.environ.get("PATTERNLINT_FUZZ_SLICE", "200"))
SLICE_SEED = 20240601
SLICE_DIRS = (FIXTURES, Path(__file__).parent.parent / "examples")
@pytest.fixture(scope="module")
def campaign_slice() -> dict[int, list[object]]:
    config = fuzz.Config(SLICE_SEED, cli_every=15, seed_dirs=SLICE_DIRS)
    _, failing = fuzz.campaign(range(SLICE_CASES), config, jobs=2, out=None)
    return failing  # type: ignore[no-any-return]


def test_campaign_slice_is_clean(campaign_slice: dict[int, list[object]]) -> None:
    failures = [
        f"case {index}: {f.kind} ({f.cause}) {f.signature}\n{f.detail[:600]}"  # type: ignore[attr-defined]
        for index, found in sorted(campaign_slice.items())
        for f in found
    ]
    assert not failures, "\n\n".join(failures[:5])


def test_campaign_cases_are_a_function_of_seed_and_number() -> None:
    corpus = fuzz.Corpus(fuzz.seed_files(SLICE_DIRS))
    first = [fuzz.make_case(corpus, 7, i, 12) for i in range(30)]
    again = [fuzz.make_case(corpus, 7, i, 12) for i in range(30)]
    assert first == again
    assert len({c.content for c in first}) == 30


def test_position_checker_catches_a_span_off_its_token() -> None:
    content = b"---\nslug: abc\ntitle: x\n---\nbody\n"
    oracle = fuzz.Oracle(content)
    on = Finding("x.md", Span(2, 7, 2, 10), "PL502", "r", Severity.ERROR, "slug `abc` is wrong")
    off = dataclasses.replace(on, span=Span(2, 6, 2, 9))
    outside = dataclasses.replace(on, span=Span(2, 7, 2, 20))
    assert fuzz.check_positions(oracle, [on]) == []
    assert [f.kind for f in fuzz.check_positions(oracle, [off, outside])] == ["off-token", "bad-position"]
    anchored = fuzz.Oracle(b"---\nslug: &a abc\ntitle: x\n---\nbody\n")
    at_anchor = dataclasses.replace(on, span=Span(2, 7, 2, 13))
    at_value = dataclasses.replace(on, span=Span(2, 10, 2, 13))
    assert [f.kind for f in fuzz.check_positions(anchored, [at_anchor, at_value])] == ["off-token"]
