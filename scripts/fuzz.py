#!/usr/bin/env python3
"""A fuzz campaign over mutated real pattern files.

    .venv/bin/python scripts/fuzz.py --cases 200000 --seed 1 --jobs 2 --out /tmp/fuzz-out

Each case is a real file (from the reference libraries, `tests/fixtures` and `examples/`)
mutated by one to four mutators (byte edits, YAML line breaks, anchors and aliases, CR-only
bodies, long whitespace runs, deep nesting, odd Unicode, a non-UTF-8 file name, a splice of two
files). A case runs through one of two harnesses, in a worker process that is killed when the
case takes longer than `--timeout` seconds (a hang):

- in-process: `pipeline.lint` on a small library (the case and one clean partner file), every
  machine reporter rendered and parsed back, each fix resolved and applied on its own, and on
  some cases `fixer.fix` over the library;
- CLI: `python -m patternlint check` with one of the output formats, sometimes with `--fix`.

Checks: no exception (and never exit status 2 from the CLI), no hang, every finding inside its
file and, for the rules that point at a YAML token, on that token (compared with an
independent parse: PyYAML's own events, whose offsets do not depend on which characters count
as line breaks), every fix edit inside its token and the fixed frontmatter still a mapping,
machine outputs valid. Each failing case is saved to `--out` with the case's bytes, its file
name and what failed; each failure is classed by cause, by re-running it with the suspect
removed (line breaks, whitespace runs, file name, anchors) when that is possible.

Cases are a pure function of (seed, case number): `--only N` re-runs one.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEED_DIRS = (
    Path("/work/shared/reference/commons-os-library/_patterns"),
    Path("/work/shared/reference/other-libraries"),
    REPO / "tests" / "fixtures",
    REPO / "examples",
)
TIMEOUT = 10.0
CLASSING_BOUNDS = 5  # classing a case's failures re-runs it up to this many times

# Failure kinds, in the order the summary prints them.
KINDS = ("crash", "hang", "bad-position", "off-token", "bad-fix-edit", "bad-output")

# The classes other work fixes; a failure is put in one when removing that cause removes it.
KNOWN = {
    "line-breaks": "YAML line breaks (lone CR, NEL, LS, PS) and the coordinate system",
    "whitespace-run": "long whitespace runs (quadratic regexes)",
    "file-name": "non-UTF-8 file names",
    "fix-alias": "fixes on anchored or aliased values",
}


# ---------------------------------------------------------------------------------------------
# The corpus


def seed_files(dirs: Iterable[Path]) -> list[Path]:
    """The Markdown files under `dirs`, each content once: the fixture folders carry the same
    `pass-*` files, and identical seeds under one mutator make identical cases."""
    files: list[Path] = []
    seen: set[bytes] = set()
    for root in dirs:
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*.md") if p.is_file() and not p.is_symlink()):
                try:
                    content = path.read_bytes()
                except OSError:
                    files.append(path)  # the case will show how the linter takes it
                    continue
                if content not in seen:
                    seen.add(content)
                    files.append(path)
    return files


@dataclass
class Corpus:
    files: list[Path]
    _cache: dict[Path, bytes] = field(default_factory=dict)

    def read(self, path: Path) -> bytes:
        if path not in self._cache:
            try:
                self._cache[path] = path.read_bytes()
            except OSError:
                self._cache[path] = b""
        return self._cache[path]

    def pick(self, rng: random.Random) -> tuple[Path, bytes]:
        path = rng.choice(self.files)
        return path, self.read(path)


# ---------------------------------------------------------------------------------------------
# Mutators: (rng, data, other file's data) -> data

LINE_BREAKS = [b"\r", b"\r\n", "\u0085".encode(), "\u2028".encode(), "\u2029".encode()]
ODD = [
    b"\xef\xbb\xbf",  # a BOM, mid-file
    "\u0301".encode(),  # combining acute
    "e\u0301\u0301".encode(),
    "\u202e".encode(),  # right-to-left override
    "\u200f".encode(),  # right-to-left mark
    "\u200b".encode(),  # zero-width space
    b"\xed\xa0\x80",  # a surrogate, as bytes
    b"\x00",
    "\U0001f600".encode(),
    "\ufeff".encode(),
    b"\x1b[31m",
    b"\xff",
    b"\xc3",  # a truncated sequence
]
TOKENS = [
    b"---", b"...", b"&a ", b"*a", b"[", b"]", b"{", b"}", b": ", b"- ", b"? ", b"!!python/object ",
    b"!custom ", b"#", b"\t", b"\"", b"'", b"|", b">-", b"%YAML 1.1\n", b"<<: *a\n", b"!!binary ",
    b"### Section 3: Solution", b"## ", b"```", b"<!-- patternlint-disable ALL -->",
    b"# patternlint: ignore[PL105]", b"1.4", b".nan", b"yes", b"010", b"1e400", b"~", b"null",
    "é—★".encode(),
]
HEADINGS = [b"Section 1: Context", b"Section 2: Problem", b"2. Problem", b"Vitality", b"Section 9: X"]


def _pos(rng: random.Random, data: bytes | bytearray) -> int:
    return rng.randint(0, len(data))


def _line_starts(data: bytes) -> list[int]:
    return [0] + [m.end() for m in re.finditer(b"\n", data)]


def m_flip(rng: random.Random, data: bytes, other: bytes) -> bytes:
    if not data:
        return bytes([rng.randint(0, 255)])
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        b[rng.randrange(len(b))] = rng.randint(0, 255)
    return bytes(b)


def m_insert(rng: random.Random, data: bytes, other: bytes) -> bytes:
    i = _pos(rng, data)
    token = rng.choice(TOKENS) if rng.random() < 0.8 else bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 8)))
    return data[:i] + token + data[i:]


def m_delete(rng: random.Random, data: bytes, other: bytes) -> bytes:
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, 60) :]


def m_line_break(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """A YAML line break where the file has none, or in place of some of its `\\n`."""
    brk = rng.choice(LINE_BREAKS)
    if rng.random() < 0.5:
        for _ in range(rng.randint(1, 3)):
            i = _pos(rng, data)
            data = data[:i] + brk + data[i:]
        return data
    starts = _line_starts(data)[1:]
    chosen = rng.sample(starts, min(len(starts), rng.randint(1, 5)))
    b = bytearray(data)
    for s in sorted(chosen, reverse=True):
        b[s - 1 : s] = brk
    return bytes(b)


def m_cr_only(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """Every line ending a CR: the whole file, or only the body."""
    data = data.replace(b"\r\n", b"\n")
    if rng.random() < 0.5:
        return data.replace(b"\n", b"\r")
    m = re.search(rb"\n---[ \t]*\n", data)
    if m is None:
        return data.replace(b"\n", b"\r")
    return data[: m.end()] + data[m.end() :].replace(b"\n", b"\r")


# Greedy, not lazy: `[^\n#]*?[ \t]*$` is quadratic in a line of 100,000 spaces (the mutators
# run again on their own output). `_scalar_lines` trims the trailing blanks.
_SCALAR_LINE = re.compile(rb"^([ \t]*(?:- )?[A-Za-z_][\w-]*:[ \t]+)([^\s&*\[{|>#'\"][^\n#]*)", re.MULTILINE)


def _scalar_lines(data: bytes) -> list[tuple[int, int]]:
    """Where each `key: plain value` line's value starts and ends."""
    found = []
    for m in _SCALAR_LINE.finditer(data):
        value = m.group(2).rstrip(b" \t\r")
        found.append((m.start(2), m.start(2) + len(value)))
    return found


def m_alias(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """Anchor one value (one that fixable rules edit, when there is one) and alias it from
    another key, or the other way round."""
    end = re.search(rb"\n---[ \t]*\r?\n", data)
    head = data[: end.start()] if end else data
    matches = _scalar_lines(head)
    if len(matches) < 2:
        return data
    preferred = [m for m in matches if re.search(rb"overall_score|slug|confidence|vitality|: (?:yes|no|on|off)\b",
                                                 head[head.rfind(b"\n", 0, m[0]) + 1 : m[1]])]
    anchored = rng.choice(preferred or matches)
    others = [m for m in matches if m is not anchored]
    aliased = rng.choice(others)
    name = rng.choice([b"a", b"s", b"x1"])
    edits = [(anchored[0], anchored[0], b"&" + name + b" ")]
    if rng.random() < 0.7:
        edits.append((aliased[0], aliased[1], b"*" + name))
    else:  # the anchor's own value, used elsewhere in the document
        edits.append((aliased[1], aliased[1], b"  # *" + name))
    out = data
    for s, e, text in sorted(edits, reverse=True):
        out = out[:s] + text + out[e:]
    return out


def m_whitespace_run(rng: random.Random, data: bytes, other: bytes) -> bytes:
    run = rng.choice([b" ", b"\t", b" \t"]) * rng.randint(50_000, 120_000)
    headings = [m.end() for m in re.finditer(rb"^#{1,6}[^\n]*?(?=\r?\n|$)", data, re.MULTILINE)]
    values = [start for start, _ in _scalar_lines(data)]
    where = rng.choice([headings, values, [_pos(rng, data)]])
    i = rng.choice(where) if where else _pos(rng, data)
    return data[:i] + run + data[i:]


def m_nesting(rng: random.Random, data: bytes, other: bytes) -> bytes:
    depth = rng.choice([50, 99, 100, 101, 300, 1000, 5000])
    kind = rng.randrange(4)
    if kind == 0:
        nest = b"[" * depth + b"x" + b"]" * depth
    elif kind == 1:
        nest = b"{a: " * depth + b"x" + b"}" * depth
    elif kind == 2:
        nest = b"\n" + b"".join(b"  " * d + b"k:\n" for d in range(min(depth, 400))) + b"  " * min(depth, 400) + b"x"
    else:
        nest = b"- " * depth + b"x"
    matches = _scalar_lines(data)
    if matches and rng.random() < 0.8:
        start, end = rng.choice(matches)
        return data[:start] + nest + data[end:]
    i = _pos(rng, data)
    return data[:i] + nest + data[i:]


def m_unicode(rng: random.Random, data: bytes, other: bytes) -> bytes:
    for _ in range(rng.randint(1, 3)):
        i = _pos(rng, data)
        data = data[:i] + rng.choice(ODD) + data[i:]
    return data


def m_splice(rng: random.Random, data: bytes, other: bytes) -> bytes:
    a, b = _line_starts(data), _line_starts(other)
    return data[: rng.choice(a)] + other[rng.choice(b) :]


def m_lines(rng: random.Random, data: bytes, other: bytes) -> bytes:
    lines = data.split(b"\n")
    n = rng.randrange(len(lines))
    kind = rng.randrange(4)
    if kind == 0:
        lines.insert(n, lines[n])
    elif kind == 1 and len(lines) > 1:
        del lines[n]
    elif kind == 2:
        lines[n] = rng.choice([b"  ", b"    ", b"\t", b""]) + lines[n].lstrip()
    else:
        lines[n] = rng.choice([b"# ", b"## ", b"### ", b"#### "]) + rng.choice(HEADINGS)
    return b"\n".join(lines)


MUTATORS: dict[str, Callable[[random.Random, bytes, bytes], bytes]] = {
    "flip": m_flip,
    "insert": m_insert,
    "delete": m_delete,
    "line-break": m_line_break,
    "cr-only": m_cr_only,
    "alias": m_alias,
    "whitespace-run": m_whitespace_run,
    "nesting": m_nesting,
    "unicode": m_unicode,
    "splice": m_splice,
    "lines": m_lines,
}
# Weights: the cheap, broad mutators most often; the expensive ones (100,000 spaces) less.
WEIGHTS = {"flip": 3, "insert": 4, "delete": 3, "line-break": 3, "cr-only": 1, "alias": 3,
           "whitespace-run": 1, "nesting": 1, "unicode": 2, "splice": 1, "lines": 3}
ODD_NAMES = [b"\xff\xfe-pattern.md", b"caf\xe9.md", "café.md".encode(), b"a\x01b.md", "\u202emd.x.md".encode()]
FORMATS = ["json", "sarif", "junit", "json-lines", "gitlab", "github", "full", "concise"]


@dataclass(frozen=True)
class Case:
    index: int
    seed_file: str
    mutators: tuple[str, ...]
    content: bytes
    name: bytes  # the file's name, as bytes (perhaps not UTF-8)
    cli: bool
    format: str
    fix: bool


def make_case(corpus: Corpus, seed: int, index: int, cli_every: int) -> Case:
    rng = random.Random(f"{seed}:{index}")
    path, data = corpus.pick(rng)
    _, other = corpus.pick(rng)
    names = rng.choices(list(MUTATORS), weights=[WEIGHTS[n] for n in MUTATORS], k=rng.randint(1, 4))
    for name in names:
        data = MUTATORS[name](rng, data, other)
    file_name = path.name.encode()
    if rng.random() < 0.03:
        file_name = rng.choice(ODD_NAMES)
        names.append("file-name")
    cli = cli_every > 0 and index % cli_every == 0
    return Case(index, str(path), tuple(names), data, file_name, cli, rng.choice(FORMATS), rng.random() < 0.15)


# ---------------------------------------------------------------------------------------------
# The oracle: what a position must be


@dataclass(frozen=True)
class Failure:
    kind: str
    detail: str
    signature: str  # what makes two failures the same bug
    cause: str = "new"

    def to_json(self) -> dict[str, str]:
        return dataclasses.asdict(self)


def _text(content: bytes) -> str:
    raw = content[3:] if content.startswith(b"\xef\xbb\xbf") else content
    return raw.decode("utf-8", errors="replace")


# YAML's line breaks, which the project's one coordinate system counts (written out here again,
# not imported: the oracle must not share the code it checks).
_YAML_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


class Oracle:
    """The file's lines as YAML counts them (LF, CRLF, CR, NEL, LS, PS, after the BOM), and the
    frontmatter's YAML tokens as PyYAML's own events place them."""

    def __init__(self, content: bytes) -> None:
        self.text = _text(content)
        self.starts = [0, *(m.end() for m in _YAML_BREAK.finditer(self.text))]
        ends = [m.start() for m in _YAML_BREAK.finditer(self.text)] + [len(self.text)]
        self.lines = [self.text[a:b] for a, b in zip(self.starts, ends)]
        self.tokens: dict[int, list[tuple[int, str]]] = {}  # start offset -> [(end offset, kind)]
        self.fm_range: tuple[int, int] | None = None
        self.data: object = None
        self.parsed = False
        if len(self.lines) < 2 or self.lines[0].rstrip(" \t") != "---":
            return
        close = next(
            (i for i in range(1, len(self.lines)) if self.lines[i].rstrip(" \t") in ("---", "...")), None
        )
        if close is None:
            return
        fm_start, fm_end = self.starts[1], self.starts[close]
        fm = self.text[fm_start:fm_end]
        self.fm_range = (fm_start, fm_end)
        # Pure-Python PyYAML is quadratic in the depth and slow on long runs: no token checks
        # there, or the harness, not the linter, would take the time.
        if len(fm) > 50_000 or _deep(fm):
            return
        try:
            for event in yaml.parse(fm, Loader=_LOADER):
                if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    kind = type(event).__name__
                    start, end = event.start_mark.index, event.end_mark.index
                    if isinstance(event, yaml.ScalarEvent):  # a value starts after its anchor and tag
                        value = _PROPERTIES.match(fm, start, end)
                        start = value.end() if value and value.end() < end else start
                    self.tokens.setdefault(fm_start + start, []).append((fm_start + end, kind))
            self.data = yaml.load(fm, Loader=_LOADER)
            self.parsed = True
        except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
            self.tokens = {}

    def offset(self, line: int, column: int) -> int | None:
        if not 1 <= line <= len(self.lines) or not 1 <= column <= len(self.lines[line - 1]) + 1:
            return None
        return self.starts[line - 1] + column - 1

    def in_frontmatter(self, start: int) -> bool:
        return self.fm_range is not None and self.fm_range[0] <= start < self.fm_range[1]


# libyaml when there is one: its marks' offsets are PyYAML's (characters, not bytes), and it
# is many times faster. The lines are still counted here, not by the linter's code.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PROPERTIES = re.compile(r"(?:[&!]\S*\s+)*")


def _deep(text: str, limit: int = 40) -> bool:
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest > limit or re.search(r"(?:- ){%d}|(?:\n {%d,}\S)" % (limit, 2 * limit), text) is not None


# Rules whose span is the YAML token they name (a key or a value). Measured on the clean
# corpus with `--calibrate`: each of these is on a token in every clean file.
TOKEN_RULES = frozenset(
    "PL006 PL010 PL011 PL101 PL102 PL103 PL104 PL105 PL106 PL201 PL301 PL302 PL303 PL304 PL305 "
    "PL306 PL307 PL309 PL501 PL502 PL503".split()
)
# Rules whose span's text is named in the message, in backticks (also from `--calibrate`).
NAMED_RULES = frozenset(
    "PL006 PL010 PL011 PL102 PL104 PL105 PL106 PL201 PL301 PL303 PL304 PL305 PL306 PL309 PL501 "
    "PL502 PL503".split()
)


def _named(token: str, message: str) -> bool:
    """Whether the message names the token, in backticks: a quoted scalar without its quotes,
    a folded one on one line, a long one clipped with `…`."""
    if re.fullmatch(r"[|>][-+0-9]*\s*", token) and "is empty" in message:
        return True  # a block scalar with no content (`>-` and nothing under it): there is no text to name
    bare = token[1:-1] if len(token) > 1 and token[0] == token[-1] and token[0] in "'\"" else token
    if f"`{token}`" in message or f"`{bare}`" in message:
        return True
    folded = " ".join(bare.split())
    return any(
        named == folded or named.endswith("…") and folded.startswith(named[:-1].rstrip())
        for named in (" ".join(n.split()) for n in re.findall(r"`([^`]*)`", message))
    )


def check_positions(oracle: Oracle, findings: Sequence[object], calibrate: Counter[str] | None = None) -> list[Failure]:
    failures = []
    for f in findings:
        span = f.span  # type: ignore[attr-defined]
        code = f.code  # type: ignore[attr-defined]
        start = oracle.offset(span.line, span.column)
        end = oracle.offset(span.end_line, span.end_column)
        if start is None or end is None or end < start:
            failures.append(
                Failure("bad-position", f"{code} at {span} outside the file ({len(oracle.lines)} lines): {f.message}", f"bad-position:{code}")  # type: ignore[attr-defined]
            )
            continue
        if not oracle.in_frontmatter(start) or start == end or not oracle.parsed:
            continue
        # A collection's span runs to its end, which its start event does not know.
        on_token = any(e == end or kind != "ScalarEvent" and kind != "AliasEvent" for e, kind in oracle.tokens.get(start, ()))
        named = _named(oracle.text[start:end], f"{f.message} {f.hint}")  # type: ignore[attr-defined]
        if calibrate is not None:
            calibrate[f"{code} total"] += 1
            calibrate[f"{code} on-token"] += on_token
            calibrate[f"{code} named"] += named
        if code in TOKEN_RULES and not on_token:
            near = oracle.text[start:end][:40]
            failures.append(
                Failure("off-token", f"{code} span {span} is `{near}`, not a YAML token: {f.message}", f"off-token:{code}")  # type: ignore[attr-defined]
            )
        elif code in NAMED_RULES and not named:
            near = oracle.text[start:end][:40]
            failures.append(
                Failure("off-token", f"{code} span {span} is `{near}`, which the message does not name: {f.message}", f"off-token:{code}")  # type: ignore[attr-defined]
            )
    return failures


def _leaves(data: object, path: tuple[object, ...] = ()) -> Iterator[tuple[tuple[object, ...], object]]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, path + (str(k),))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, path + (i,))
    else:
        yield path, repr(data)


def check_fixes(oracle: Oracle, findings: Sequence[object]) -> list[Failure]:
    """Each fix alone: its edits inside the file and inside the token, the fixed frontmatter
    still YAML, and an edit of one value changing one value."""
    from patternlint import fixes as fx

    failures = []
    from patternlint.lines import LineMap

    target = fx.Target("x", oracle.text, LineMap(oracle.text), None)
    for f in findings:
        fix = f.fix  # type: ignore[attr-defined]
        code = f.code  # type: ignore[attr-defined]
        if fix is None or fix.path is not None:
            continue
        edits = [c for c in fix.changes if isinstance(c, fx.Edit)]
        if not edits or len(edits) != len(fix.changes):
            continue
        bad = False
        for edit in edits:
            s = oracle.offset(edit.span.line, edit.span.column)
            e = oracle.offset(edit.span.end_line, edit.span.end_column)
            if s is None or e is None or e < s:
                failures.append(Failure("bad-fix-edit", f"{code} edit at {edit.span} outside the file", f"fix-outside:{code}"))
                bad = True
            elif oracle.in_frontmatter(s) and oracle.parsed and s != e:
                inside = any(ts <= s and e <= te for ts, ends in oracle.tokens.items() for te, _ in ends)
                if not inside:
                    failures.append(
                        Failure("bad-fix-edit", f"{code} edit at {edit.span} (`{oracle.text[s:e][:40]}`) is not inside one YAML token", f"fix-off-token:{code}")
                    )
                    bad = True
        if bad:
            continue
        resolved = fx.resolve(fix, target)
        if resolved is None:
            continue
        fixed = fx.apply(oracle.text, resolved.ranges)
        after = Oracle(fixed.encode("utf-8", errors="surrogatepass"))
        if oracle.parsed and isinstance(oracle.data, dict):
            if not after.parsed or not isinstance(after.data, dict):
                failures.append(Failure("bad-fix-edit", f"{code} fix `{fix.description}` leaves frontmatter that does not parse", f"fix-breaks-yaml:{code}"))
                continue
            before_leaves, after_leaves = dict(_leaves(oracle.data)), dict(_leaves(after.data))
            changed = [p for p in before_leaves.keys() | after_leaves.keys() if before_leaves.get(p) != after_leaves.get(p)]
            if len(changed) > len(edits):
                failures.append(
                    Failure("bad-fix-edit", f"{code} fix `{fix.description}` changes {len(changed)} values: {sorted(map(str, changed))[:4]}", f"fix-changes-more:{code}")
                )
    return failures


def check_outputs(result: object) -> list[Failure]:
    from patternlint.reporters import github, gitlab, json_lines, json_report, junit, sarif

    failures = []
    for name, render, parse in (
        ("json", json_report.render, _parse_json),
        ("sarif", sarif.render, _parse_sarif),
        ("junit", junit.render, ElementTree.fromstring),
        ("gitlab", gitlab.render, _parse_json),
        ("json-lines", json_lines.render, _parse_json_lines),
        ("github", github.render, _parse_github),
    ):
        stream = io.StringIO()
        render(result, stream)  # type: ignore[operator]
        try:
            parse(stream.getvalue())
        except Exception as exc:  # noqa: BLE001 - any parse failure is the finding
            failures.append(Failure("bad-output", f"{name}: {type(exc).__name__}: {exc}"[:300], f"bad-output:{name}"))
    return failures


def _parse_json(text: str) -> object:
    return json.loads(text)


def _parse_json_lines(text: str) -> None:
    for line in text.splitlines():
        json.loads(line)


def _parse_sarif(text: str) -> None:
    doc = json.loads(text)
    assert doc["version"] == "2.1.0" and isinstance(doc["runs"], list), "no version or runs"
    for run in doc["runs"]:
        assert run["tool"]["driver"]["name"], "no tool name"
        for result in run.get("results", []):
            assert result["message"]["text"] and result["ruleId"], "result without message or ruleId"
            for loc in result.get("locations", []):
                region = loc["physicalLocation"].get("region", {})
                assert region.get("startLine", 1) >= 1 and region.get("startColumn", 1) >= 1, f"bad region {region}"


def _parse_github(text: str) -> None:
    for line in text.splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice ")) or not line.startswith("::") and line == text.splitlines()[-1], line[:80]


def _crash(where: str, exc: BaseException) -> Failure:
    frames = [fr for fr in traceback.extract_tb(exc.__traceback__) if "patternlint" in fr.filename]
    last = frames[-1] if frames else None
    place = f"{Path(last.filename).name}:{last.name}" if last else "?"
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-3000:]
    return Failure("crash", f"{where}: {detail}", f"crash:{type(exc).__name__}:{place}")


# ---------------------------------------------------------------------------------------------
# Harnesses

PARTNER = REPO / "tests" / "fixtures" / "PL105-value-out-of-range" / "pass-accountability-partnership.md"


def _library(work: Path, case: Case) -> tuple[Path, Path]:
    lib = work / f"lib{case.index}"
    shutil.rmtree(lib, ignore_errors=True)
    lib.mkdir(parents=True)
    if PARTNER.exists():
        shutil.copy(PARTNER, lib / PARTNER.name)
    target = Path(os.fsdecode(bytes(lib) + b"/" + case.name))
    target.write_bytes(case.content)
    return lib, target


def run_in_process(case: Case, work: Path, calibrate: Counter[str] | None = None) -> list[Failure]:
    from patternlint import fixer
    from patternlint.pipeline import lint
    from patternlint.rules import TABLE
    from patternlint.settings import Settings

    settings = Settings(codes=tuple(e.code for e in TABLE), cache_dir=None, jobs=1)
    lib, target = _library(work, case)
    failures: list[Failure] = []
    try:
        try:
            result = lint([target], settings, cwd=lib)
        except Exception as exc:  # noqa: BLE001
            return [_crash("lint", exc)]
        oracle = Oracle(case.content)
        mine = [f for f in result.findings if f.path == target.name]
        failures += check_positions(oracle, mine, calibrate)
        try:
            failures += check_fixes(oracle, mine)
        except Exception as exc:  # noqa: BLE001
            failures.append(_crash("fix resolution", exc))
        try:
            failures += check_outputs(result)
        except Exception as exc:  # noqa: BLE001
            failures.append(_crash("reporter", exc))
        if case.fix:
            try:
                run = fixer.fix([target], settings, lib, unsafe=True)
                for file in run.files:
                    before, after = Oracle(file.original), Oracle(file.fixed)
                    if before.parsed and isinstance(before.data, dict) and not (after.parsed and isinstance(after.data, dict)):
                        failures.append(Failure("bad-fix-edit", f"fixer.fix leaves {file.display} unparsable", "fix-breaks-yaml:fixer"))
            except Exception as exc:  # noqa: BLE001
                failures.append(_crash("fixer.fix", exc))
    finally:
        shutil.rmtree(lib, ignore_errors=True)
    return failures


def run_cli(case: Case, work: Path, timeout: float = TIMEOUT) -> list[Failure]:
    lib, target = _library(work, case)
    args = [sys.executable, "-m", "patternlint", "check", str(lib), "-f", case.format, "--no-cache", "--select", "ALL"]
    if case.fix:
        args.append("--fix")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO / "src")}
    try:
        proc = subprocess.run(args, capture_output=True, timeout=timeout, cwd=lib, env=env)
    except subprocess.TimeoutExpired:
        return [Failure("hang", f"CLI over {timeout:.0f} s: {' '.join(args[3:])}", "hang:cli")]
    finally:
        shutil.rmtree(lib, ignore_errors=True)
    failures = []
    err = proc.stderr.decode(errors="replace")
    if proc.returncode not in (0, 1) or "Traceback" in err:
        last = err.strip().splitlines()[-1] if err.strip() else ""
        failures.append(Failure("crash", f"CLI exit {proc.returncode}: {err[-2000:]}", f"cli-exit-{proc.returncode}:{last[:80]}"))
        return failures
    out = proc.stdout.decode("utf-8", errors="strict") if case.format != "full" else ""
    parse = {"json": _parse_json, "sarif": _parse_sarif, "junit": ElementTree.fromstring, "gitlab": _parse_json,
             "json-lines": _parse_json_lines, "github": _parse_github}.get(case.format)
    if parse is not None:
        try:
            parse(out)
        except Exception as exc:  # noqa: BLE001
            failures.append(Failure("bad-output", f"CLI {case.format}: {type(exc).__name__}: {exc}"[:300], f"bad-output:cli-{case.format}"))
    return failures


def run_case(case: Case, work: Path) -> list[Failure]:
    """The case's failures, not yet classed (see `classify`)."""
    started = time.monotonic()
    failures = run_cli(case, work) if case.cli else run_in_process(case, work)
    if time.monotonic() - started > TIMEOUT:
        failures.append(Failure("hang", f"took {time.monotonic() - started:.1f} s", "hang:slow"))
    return failures


# ---------------------------------------------------------------------------------------------
# Classing a failure by cause: re-run without the suspect, keeping every column where it was


def _without_line_breaks(content: bytes) -> bytes:
    text = _text(content)
    text = re.sub("\r(?!\n)|[\u0085\u2028\u2029]", " ", text)
    bom = b"\xef\xbb\xbf" if content.startswith(b"\xef\xbb\xbf") else b""
    return bom + text.encode("utf-8", errors="surrogateescape")


def _without_runs(content: bytes) -> bytes:
    return re.sub(rb"[ \t]{1000,}", b" ", content)


def _without_anchors(content: bytes) -> bytes:
    return re.sub(rb"&(a|s|x1) ", b"", re.sub(rb"\*(a|s|x1)\b", b"x", content))


def classify_all(case: Case, failures: Sequence[Failure], work: Path) -> list[Failure]:
    """Each failure with its cause; each suspect's re-run is shared by the failures."""
    reruns: dict[str, set[str]] = {}
    return [dataclasses.replace(f, cause=classify(case, f, work, reruns)) for f in failures]


def classify(case: Case, failure: Failure, work: Path, reruns: dict[str, set[str]] | None = None) -> str:
    if failure.kind == "hang":
        return "whitespace-run" if re.search(rb"[ \t]{10000,}", case.content) else "new"
    suspects: list[tuple[str, Callable[[Case], Case | None]]] = [
        # A run makes regexes slow, not positions wrong: only for crashes (hangs are above).
        ("whitespace-run", lambda c: dataclasses.replace(c, content=_without_runs(c.content))
         if failure.kind == "crash" and re.search(rb"[ \t]{1000,}", c.content) else None),
        ("file-name", lambda c: dataclasses.replace(c, name=b"renamed.md") if c.name not in {b"renamed.md"} and not _utf8(c.name) else None),
        ("fix-alias", lambda c: dataclasses.replace(c, content=_without_anchors(c.content))
         if failure.kind == "bad-fix-edit" and re.search(rb"&(a|s|x1) ", c.content) else None),
        ("line-breaks", lambda c: dataclasses.replace(c, content=_without_line_breaks(c.content))
         if re.search("\r(?!\n)|[\u0085\u2028\u2029]", _text(c.content)) else None),
        # Not a known class (fixed; a regression shows here): a span that starts at a value's
        # anchor (`&a value`), not at the value.
        ("anchor-in-span", lambda c: dataclasses.replace(c, content=_without_anchors(c.content))
         if failure.kind == "off-token" and re.search(rb"&(a|s|x1) ", c.content) else None),
    ]
    # The most specific suspects first. Removing anchors removes findings too (an alias made
    # them): the anchors come after line breaks.
    for cause, change in suspects:
        other = change(case)
        if other is None:
            continue
        if reruns is None or cause not in reruns:
            again = run_cli(other, work) if other.cli else run_in_process(other, work)
            signatures = {f.signature for f in again}
            if reruns is not None:
                reruns[cause] = signatures
        else:
            signatures = reruns[cause]
        if failure.signature not in signatures:
            return cause
    return "new"


def _utf8(name: bytes) -> bool:
    try:
        name.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# The campaign: workers, a watchdog, the summary


@dataclass(frozen=True)
class Config:
    seed: int
    cli_every: int
    seed_dirs: tuple[Path, ...]


_CORPUS: Corpus | None = None


def corpus_for(config: Config) -> Corpus:
    global _CORPUS
    if _CORPUS is None:
        _CORPUS = Corpus(seed_files(config.seed_dirs))
    return _CORPUS


def _worker(conn: Connection, config: Config, stack: Path, timeout: float) -> None:
    import faulthandler

    corpus = corpus_for(config)
    with tempfile.TemporaryDirectory(prefix="patternlint-fuzz-") as tmp, open(stack, "w") as dump:
        work = Path(tmp)
        while True:
            index = conn.recv()
            if index is None:
                return
            case = make_case(corpus, config.seed, index, config.cli_every)
            # Where a hang is, for the parent that kills this worker: the stack just before.
            dump.seek(0)
            dump.truncate()
            faulthandler.dump_traceback_later(timeout * 0.9, file=dump)
            try:
                failures = run_case(case, work)
            except Exception as exc:  # noqa: BLE001 - the harness itself: report, go on
                failures = [_crash("harness", exc)]
            faulthandler.cancel_dump_traceback_later()
            # The case ran: classing its failures (re-runs) has a clock of its own, not the case's.
            conn.send(("ran", [f.to_json() for f in failures]))
            if failures:
                failures = classify_all(case, failures, work)
            conn.send(("done", [f.to_json() for f in failures]))


@dataclass
class Report:
    cases: int = 0
    cli_cases: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_class: Counter[tuple[str, str]] = field(default_factory=Counter)
    signatures: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str], int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, case: Case, failures: Sequence[Failure]) -> None:
        self.cases += 1
        self.cli_cases += case.cli
        for kind in {f.kind for f in failures}:
            self.by_kind[kind] += 1
        for f in failures:
            self.by_class[(f.kind, f.cause)] += 1
            self.signatures[(f.signature, f.cause)] += 1
            self.examples.setdefault((f.signature, f.cause), case.index)

    def text(self) -> str:
        out = [f"cases: {self.cases} ({self.cli_cases} through the CLI) in {self.seconds:.0f} s"]
        out.append("failing cases by kind: " + ", ".join(f"{k} {self.by_kind[k]}" for k in KINDS))
        out.append("failures by kind and cause:")
        for (kind, cause), n in sorted(self.by_class.items()):
            out.append(f"  {kind:14} {cause:16} {n}")
        out.append("distinct failures (signature, cause, count, first case):")
        for (sig, cause), n in self.signatures.most_common():
            out.append(f"  {sig:60} {cause:16} {n:6}  case {self.examples[(sig, cause)]}")
        return "\n".join(out)


def save(out: Path, case: Case, failures: Sequence[Failure], seed: int) -> None:
    folder = out / f"case-{case.index:07d}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "content.bin").write_bytes(case.content)
    meta = {
        "seed": seed, "index": case.index, "seed_file": case.seed_file, "mutators": case.mutators,
        "file_name": case.name.hex(), "cli": case.cli, "format": case.format, "fix": case.fix,
        "rerun": f"python scripts/fuzz.py --seed {seed} --only {case.index}",
        "failures": [f.to_json() for f in failures],
    }
    (folder / "case.json").write_text(json.dumps(meta, indent=1))


def campaign(
    cases: Iterable[int],
    config: Config,
    jobs: int,
    out: Path | None,
    timeout: float = TIMEOUT,
    progress: Callable[[Report], None] | None = None,
) -> tuple[Report, dict[int, list[Failure]]]:
    """Run `cases` in `jobs` workers; a case over `timeout` seconds is a hang (its worker is
    killed and replaced). CLI cases get twice as long: the subprocess has its own bound."""
    ctx = multiprocessing.get_context("fork")
    corpus = corpus_for(config)
    report = Report()
    failing: dict[int, list[Failure]] = {}
    todo = iter(cases)
    started = time.monotonic()
    workers: dict[Connection, tuple[multiprocessing.process.BaseProcess, int | None, float]] = {}
    stacks = Path(tempfile.mkdtemp(prefix="patternlint-fuzz-stacks-"))
    stack_of: dict[Connection, Path] = {}
    serial = iter(range(1 << 30))

    def spawn() -> None:
        parent, child = ctx.Pipe()
        stack = stacks / f"worker-{next(serial)}.txt"
        proc = ctx.Process(target=_worker, args=(child, config, stack, timeout), daemon=True)
        proc.start()
        child.close()
        workers[parent] = (proc, None, 0.0)
        stack_of[parent] = stack
        feed(parent)

    def feed(conn: Connection) -> None:
        proc, _, _ = workers[conn]
        index = next(todo, None)
        if index is None:
            conn.send(None)
            proc.join(5)
            del workers[conn]
            return
        conn.send(index)
        workers[conn] = (proc, index, time.monotonic())

    def record(index: int, failures: list[Failure]) -> None:
        case = make_case(corpus, config.seed, index, config.cli_every)
        report.add(case, failures)
        if failures:
            failing[index] = failures
            if out is not None:
                save(out, case, failures, config.seed)
        if progress is not None:
            progress(report)

    for _ in range(jobs):
        spawn()
    try:
        _watch(workers, timeout, config, feed, record, spawn, stack_of, corpus)
    except KeyboardInterrupt:  # stopped early (Ctrl-C, SIGTERM): report what ran
        for proc, _, _ in workers.values():
            proc.kill()
    shutil.rmtree(stacks, ignore_errors=True)
    report.seconds = time.monotonic() - started
    return report, failing


def _watch(workers, timeout, config, feed, record, spawn, stack_of, corpus):  # type: ignore[no-untyped-def]
    """Collect results, feed the next cases, and kill a worker whose case is over time."""
    ran: dict[Connection, list[Failure]] = {}  # a case that ran, while its failures are classed
    while workers:
        now = time.monotonic()
        deadline = min(t + timeout * (2 if _is_cli(i, config) else 1) for _, i, t in workers.values() if i is not None) if workers else now
        ready = wait(list(workers), timeout=max(0.05, deadline - now))
        for conn in ready:
            assert isinstance(conn, Connection)
            proc, index, _ = workers[conn]
            try:
                phase, result = conn.recv()
            except EOFError:  # the worker died (a segfault, the OOM killer)
                died = [Failure("crash", f"worker died, exit {proc.exitcode}", f"crash:died:{proc.exitcode}")]
                del workers[conn]
                if index is not None:
                    record(index, ran.pop(conn, died))
                spawn()
                continue
            if phase == "ran":  # now classing: up to one bound for each re-run
                ran[conn] = [dataclasses.replace(Failure(**r), cause="unclassified") for r in result]
                workers[conn] = (proc, index, time.monotonic() + CLASSING_BOUNDS * timeout)
                continue
            ran.pop(conn, None)
            if index is not None:
                record(index, [Failure(**r) for r in result])
            feed(conn)
        now = time.monotonic()
        for conn, (proc, index, t) in list(workers.items()):
            if index is not None and now - t > timeout * (2 if _is_cli(index, config) else 1):
                proc.kill()
                proc.join()
                del workers[conn]
                case = make_case(corpus, config.seed, index, config.cli_every)
                cause = "whitespace-run" if re.search(rb"[ \t]{10000,}", case.content) else "new"
                stack = stack_of.pop(conn)
                record(index, ran.pop(conn) if conn in ran else [_hang(stack, timeout, cause)])
                spawn()


def _hang(stack: Path, timeout: float, cause: str) -> Failure:
    """A killed case, named by the innermost frame of ours (or the harness's) it was in."""
    try:
        text = stack.read_text(errors="replace")
    except OSError:
        text = ""
    frames = re.findall(r'File "([^"]+)", line \d+ in (\w+)', text)
    ours = [(Path(f).name, fn) for f, fn in frames if "patternlint" in f or f.endswith("fuzz.py")]
    where = f"{ours[0][0]}:{ours[0][1]}" if ours else "?"
    return Failure("hang", f"over {timeout:.0f} s; stack:\n{text[-3000:]}", f"hang:{where}", cause)


def _is_cli(index: int, config: Config) -> bool:
    return config.cli_every > 0 and index % config.cli_every == 0


def calibrate(seed_dirs: Sequence[Path]) -> None:
    """On unmutated files: how often each rule's frontmatter span is on a token, and named."""
    counts: Counter[str] = Counter()
    files = seed_files(seed_dirs)
    with tempfile.TemporaryDirectory() as tmp:
        for i, path in enumerate(files):
            case = Case(i, str(path), (), path.read_bytes(), path.name.encode(), False, "json", False)
            run_in_process(case, Path(tmp), counts)
    codes = sorted({k.split()[0] for k in counts})
    for code in codes:
        total = counts[f"{code} total"]
        print(f"{code}: {total} in frontmatter, on token {counts[f'{code} on-token']}, named {counts[f'{code} named']}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    parser.add_argument("--cli-every", type=int, default=50, help="every Nth case runs through the CLI (0: none)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT)
    parser.add_argument("--only", type=int, action="append", help="run only this case (repeatable)")
    parser.add_argument("--start", type=int, default=0, help="first case number")
    parser.add_argument("--seed-dir", type=Path, action="append", help="seed files (default: the reference libraries, tests/fixtures, examples/)")
    parser.add_argument("--calibrate", action="store_true", help="measure the token checks on the unmutated seed files")
    args = parser.parse_args(argv)
    dirs = tuple(args.seed_dir or DEFAULT_SEED_DIRS)
    if args.calibrate:
        calibrate(dirs)
        return 0
    config = Config(args.seed, args.cli_every, dirs)
    indices: Iterable[int] = args.only or range(args.start, args.start + args.cases)
    last = [time.monotonic()]

    def progress(report: Report) -> None:
        if time.monotonic() - last[0] > 30:
            last[0] = time.monotonic()
            print(f"... {report.cases} cases, failing: {dict(report.by_kind)}", file=sys.stderr, flush=True)

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` reports too, like Ctrl-C
    report, failing = campaign(indices, config, args.jobs, args.out, args.timeout, progress)
    print(report.text())
    if failing:
        print(f"failing cases saved under {args.out}/")
    if args.only:
        for index, failures in failing.items():
            for f in failures:
                print(f"\ncase {index}: {f.kind} ({f.cause}) {f.signature}\n{f.detail}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
