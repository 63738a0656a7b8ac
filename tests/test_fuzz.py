"""Property-based fuzzing: mutate real pattern files (bytes, YAML structure, headings) and check
that nothing escapes: no exception, machine output that parses, every finding inside its file.

CI runs a short campaign; a longer one runs with `PATTERNLINT_FUZZ_EXAMPLES=5000`.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patternlint.engine import lint
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
