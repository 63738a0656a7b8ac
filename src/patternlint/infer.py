"""A starting contract read from a library's files, for `patternlint init`.

It looks at a sample of the files: their form (YAML frontmatter, none, Org-mode), the metadata
keys most of them have, and the headings (or bold-label paragraphs) most of them share, with
their level, spelling, number and order. A built-in contract that already fits the files is
named instead of a new one. Only what (nearly) every pattern does is required, so that the
contract, checked back on the same files, reports the few that deviate from the library's own
habits and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from patternlint.frozen import frozen
from patternlint import markdown
from patternlint.document import Document
from patternlint.profiles import Format, Profile, route_of
from patternlint.sections import _PREFIX

# At most this many files are read (evenly spread over the sorted list): enough to see a
# library's habits, few enough that `init` takes seconds on thousands of files.
SAMPLE = 200
# A section (or a metadata key) that at least this share of the patterns have is required.
REQUIRED = 0.8
# A built-in contract fits when at least this share of the files it takes have every section.
FITS = 0.6
# The order is fixed when at least this share of the patterns write their sections in it.
ORDERED = 0.9
NOT_A_PATTERN = "not-a-pattern"


@frozen
class Sample:
    """What `init` reads of one file."""

    path: Path
    data: bytes
    form: str  # `yaml`, `org` or `none`
    keys: tuple[str, ...]  # the metadata's top-level keys
    words: tuple[tuple[str, str], ...]  # (key, word) of the metadata's short texts and lists
    headings: tuple[tuple[int, str], ...]  # (level, text), in file order
    labels: tuple[str, ...]  # bold-label paragraphs' labels, in file order


@frozen
class Part:
    """A section the contract requires: its name as most files write it, the other spellings
    seen, its usual level, and its usual position."""

    name: str
    spellings: tuple[str, ...]
    level: int
    position: float


@frozen
class Inferred:
    """A contract inferred from the files, or the built-in ones that fit them."""

    built_in: tuple[str, ...]  # a route of built-in profiles that fits (empty: none does)
    files: int  # files read
    takes: int  # files the contract takes (the patterns)
    form: str
    when: tuple[tuple[str, object], ...] = ()  # `when` keys and values
    parts: tuple[Part, ...] = ()
    labels: bool = False
    level: int = 2
    forms: tuple[str, ...] = ("plain",)
    exact_numbers: bool = True
    ordered: bool = True
    common_keys: tuple[str, ...] = ()  # metadata keys (nearly) every pattern has
    extensions: tuple[str, ...] = ("md",)
    # A `when` for the last built-in profile of the route, which takes every file, to leave
    # out the files that are no patterns (a folder of templates beside the patterns).
    built_in_when: tuple[tuple[str, object], ...] = ()


def pattern_files(library: Path) -> list[Path]:
    """The Markdown and Org files below `library`, outside hidden and tool folders."""
    found = []
    for path in sorted(library.rglob("*")):
        parts = path.relative_to(library).parts
        if any(p.startswith(".") or p in ("node_modules", "venv", "_site", "__pycache__") for p in parts[:-1]):
            continue
        if path.suffix in (".md", ".org") and path.is_file():
            found.append(path)
    return found


def sample(paths: Sequence[Path], size: int = SAMPLE) -> list[Path]:
    if len(paths) <= size:
        return list(paths)
    step = len(paths) / size
    return [paths[int(i * step)] for i in range(size)]


def read(path: Path, reader: Profile) -> Sample | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    org_reader = replace(reader, format=Format.ORG)
    doc = Document(path.name, path.stem, data, org_reader if path.suffix == ".org" else reader)
    if doc.source.frontmatter is not None:
        form = "yaml"
    elif doc.profile.format is Format.ORG and doc.data:
        form = "org"
    else:
        form = "none"
    metadata = doc.data or {}
    words: list[tuple[str, str]] = []
    for key, value in metadata.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, (str, int)) and not isinstance(item, bool) and len(str(item)) <= 40:
                words.extend((str(key), w) for w in str(item).replace(",", " ").split()[:5])
    headings = tuple((h.level, h.text) for h in doc.headings)
    labels: tuple[str, ...] = ()
    if doc.profile.format is Format.MARKDOWN:
        found = markdown.with_labels(doc.markdown_blocks(), 2, lambda heading: True)
        labels = tuple(h.text for h in found.headings if h.span.line in found.labels)
    return Sample(path, data, form, tuple(str(k) for k in metadata), tuple(dict.fromkeys(words)), headings, labels)


# ---------------------------------------------------------------------------------------------
# Built-in contracts that fit


def fitting_built_ins(samples: Sequence[Sample], known: Mapping[str, Profile]) -> tuple[str, ...]:
    """A route of built-in contracts that fits the files: those that take a part of them (by
    their `when`) and find every section in most of that part, then the one that does so for
    most of the rest (or `not-a-pattern`). Empty when none fits."""
    stop = known[NOT_A_PATTERN]
    scores: dict[str, tuple[set[int], set[int]]] = {}  # name → (files taken, files that fit)
    for name, profile in known.items():
        if profile.routes or profile.sections is None:
            continue
        taken, fit = set(), set()
        for index, item in enumerate(samples):
            if (item.path.suffix == ".org") != (profile.format is Format.ORG):
                continue
            doc = Document(item.path.name, item.path.stem, item.data, route_of((profile, stop)))
            if doc.profile is not profile:
                continue
            taken.add(index)
            analysis = doc.sections
            if analysis is not None and not analysis.missing:
                fit.add(index)
        scores[name] = (taken, fit)
    least = max(3, len(samples) // 10)
    chosen = [
        n
        for n, (taken, fit) in sorted(scores.items(), key=lambda item: -len(item[1][1]))
        if known[n].when is not None and len(taken) >= least and len(fit) >= FITS * len(taken)
    ]
    covered = set().union(*(scores[n][0] for n in chosen)) if chosen else set()
    rest = [i for i in range(len(samples)) if i not in covered]
    best, best_fit = None, 0
    for name, (taken, fit) in scores.items():
        if known[name].when is None and len(fit & set(rest)) > best_fit:
            best, best_fit = name, len(fit & set(rest))
    if best is not None and rest and best_fit >= FITS * len(rest):
        return (*chosen, best)
    return (*chosen, NOT_A_PATTERN) if chosen else ()


def patterns_of(samples: Sequence[Sample], profile: Profile) -> tuple[tuple[str, object], ...]:
    """A `when` that takes the patterns among `samples` for `profile` (a contract without one)
    and leaves out the files with fewer than half of its sections; empty when none is needed."""
    spec = profile.sections
    if spec is None or profile.frontmatter_required:
        return ()  # where metadata is required, it marks the patterns, however few sections they have
    required = [_name(n)[1] for i, n in enumerate(spec.names) if not spec.section(i).optional]
    mine = [s for s in samples if (s.path.suffix == ".org") == (profile.format is Format.ORG)]
    when, _ = _without_outliers((), mine, spec.bold_labels, required)
    return when


# ---------------------------------------------------------------------------------------------
# A contract read from the files

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_NOTE = re.compile(r"\s+\([^)]*\)\s*$")


def _name(text: str) -> tuple[str, str]:
    """A heading's section name as written (after a `Section 1:` or `1.` prefix), and the key
    that near spellings of one name share (`Solution`/`Solutions`, `Author(s)`/`Authors`,
    `The Problem`/`Problem`, `What’s Next`/`What's Next`)."""
    match = _PREFIX.match(text)
    written = (match.group("rest") if match else text).strip()
    folded = unicodedata.normalize("NFKC", written).replace("(s)", "s").replace("’", "'")
    folded = _ARTICLE.sub("", _NOTE.sub("", folded)).casefold()
    words = [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in re.split(r"[\W_]+", folded) if w]
    return written, " ".join(words)


def _form(text: str) -> tuple[str, int | None]:
    """The heading's section form (`section`, `numbered`, `plain`) and the number it writes."""
    match = _PREFIX.match(text)
    number = match and (match.group("n1") or match.group("n2"))
    if match is None or not number:
        return "plain", None
    return ("section" if match.group("word") else "numbered"), int(number)


def _entries(item: Sample, labels: bool) -> list[tuple[str, str, int, tuple[str, int | None]]]:
    """(key, name as written, level, (form, number)) of the file's section-like parts, in order."""
    if labels:
        return [(_name(text)[1], _name(text)[0], 2, ("plain", None)) for text in item.labels]
    return [(_name(text)[1], _name(text)[0], level, _form(text)) for level, text in item.headings]


def _required(items: Sequence[Sample], labels: bool) -> list[str]:
    counts: Counter[str] = Counter()
    for item in items:
        counts.update(dict.fromkeys((key for key, *_ in _entries(item, labels) if key), 1))
    return [key for key, n in counts.items() if n >= REQUIRED * len(items)]


def _candidates(samples: Sequence[Sample], labels: bool) -> Iterable[tuple[tuple[tuple[str, object], ...], list[Sample]]]:
    """Subsets of the files that may be the patterns, each with the `when` that takes it."""
    yield (), list(samples)
    total = len(samples)
    low, high = 0.1 * total, 0.95 * total
    keys = Counter(k for s in samples for k in s.keys)
    for key, n in keys.most_common(10):
        if low <= n <= high:
            yield (("has", [key]),), [s for s in samples if key in s.keys]
    words = Counter(w for s in samples for w in s.words)
    for (key, word), n in words.most_common(10):
        if low <= n <= high:
            yield (("contains", {key: word}),), [s for s in samples if (key, word) in s.words]
    names: Counter[str] = Counter()
    for item in samples:
        names.update(dict.fromkeys((key for key, *_ in _entries(item, labels) if key), 1))
    for key, n in names.most_common(10):
        if low <= n <= high:
            subset = _having(samples, key, labels)
            yield (_condition(key, subset, labels),), subset


def _having(samples: Iterable[Sample], key: str, labels: bool) -> list[Sample]:
    return [s for s in samples if key in {k for k, *_ in _entries(s, labels)}]


def _condition(key: str, items: Iterable[Sample], labels: bool) -> tuple[str, object]:
    """The `when` condition that a file names the section `key`, in any spelling and form
    `items` write it in."""
    written: Counter[str] = Counter()
    numbered = False
    for item in items:
        for k, name, _, (_, number) in _entries(item, labels):
            if k == key:
                written[name] += 1
                numbered = numbered or number is not None
    spelled = sorted(written, key=lambda w: -written[w])
    pattern = "|".join(_escape(w) for w in spelled)
    if labels:
        return ("label", [pattern])
    if numbered:  # the heading's text is matched in full: `Section 2: Problem`, `2. Problem`
        pattern = r"(?:Section \d+\W*|\d+\W*)?" + (f"(?:{pattern})" if len(spelled) > 1 else pattern)
    return ("heading", [pattern])


def _escape(text: str) -> str:
    return re.sub(r"([\\.^$|?*+()\[\]{}])", r"\\\1", text)


def infer(samples: Sequence[Sample]) -> Inferred:
    """The contract that describes most of `samples` best."""
    forms = Counter(s.form for s in samples)
    form = forms.most_common(1)[0][0] if samples else "none"
    extensions = tuple(sorted({s.path.suffix.lstrip(".") for s in samples})) or ("md",)
    scored: list[tuple[float, int, bool, tuple[tuple[str, object], ...], list[Sample], list[str]]] = []
    for labels in (False, True):
        for when, subset in _candidates(samples, labels):
            if labels and any(s.headings for s in subset):
                # Label-led patterns have no heading of their own: a chapter that presents
                # patterns under its headings, or the whole book in one file, is no pattern.
                plain = [s for s in subset if not s.headings]
                if len(plain) >= REQUIRED * len(subset):
                    when, subset = (*when, ("lacks-heading", [".*"])), plain
            required = _required(subset, labels)
            value = len(subset) * len(required) if len(required) >= 2 else 0
            # A part of the files must describe clearly more than all of them to need a `when`,
            # and a condition on the metadata reads better than one on the content.
            weight = 1.0 if not when else 0.9 if when[0][0] in ("has", "contains") else 0.8
            scored.append((value * weight, -len(scored), labels, when, subset, required))
    best, _, labels, when, subset, required = max(scored, key=lambda c: (c[0], c[1]))
    if best == 0:
        return Inferred((), len(samples), len(samples), form, extensions=extensions)
    when, patterns = _without_outliers(when, subset, labels, required)
    if patterns is not subset:  # what the patterns share, without the files that are none
        subset, required = patterns, _required(patterns, labels)
    parts, level, styles, exact, ordered = _parts(subset, labels, required)
    keys = Counter(k for s in subset for k in s.keys)
    common = tuple(k for k, n in keys.most_common() if n >= 0.9 * len(subset))
    return Inferred(
        (), len(samples), len(subset), form, when, parts, labels, level, styles, exact, ordered, common, extensions
    )


def _without_outliers(
    when: tuple[tuple[str, object], ...], subset: list[Sample], labels: bool, required: Sequence[str]
) -> tuple[tuple[tuple[str, object], ...], list[Sample]]:
    """Files with fewer than half of the sections (a template, an index page) are no patterns:
    `when` then asks for the section that the patterns have and they lack, when there is one."""
    def keys(item: Sample) -> set[str]:
        return {k for k, *_ in _entries(item, labels)}

    outliers = [s for s in subset if len(keys(s) & set(required)) < len(required) / 2]
    if not outliers or any(kind in ("has", "contains") for kind, _ in when):
        # Files the metadata marks as patterns are patterns, however few sections they have.
        return when, subset
    patterns = [s for s in subset if s not in outliers]
    key = max(required, key=lambda k: sum(k in keys(s) for s in patterns) - sum(k in keys(s) for s in outliers))
    taken = _having(subset, key, labels)
    if len(taken) < REQUIRED * len(patterns) or len(taken) == len(subset):
        return when, subset
    kind, patterns_of = _condition(key, taken, labels)
    merged = dict(when)
    merged[kind] = [*merged.get(kind, []), *patterns_of]  # type: ignore[misc]
    return tuple(merged.items()), taken


def _parts(
    items: Sequence[Sample], labels: bool, names: Sequence[str]
) -> tuple[tuple[Part, ...], int, tuple[str, ...], bool, bool]:
    required = set(names)
    spellings: dict[str, Counter[str]] = {}
    levels: dict[str, Counter[int]] = {}
    forms: Counter[str] = Counter()
    numbered = right = 0
    orders: list[list[str]] = []
    for item in items:
        seen: list[str] = []
        for key, name, level, (form, _) in _entries(item, labels):
            if key not in required or key in seen:
                continue
            seen.append(key)
            spellings.setdefault(key, Counter())[name] += 1
            levels.setdefault(key, Counter())[level] += 1
            forms[form] += 1
        orders.append(seen)
    # Each section at its mean position among the sections of the files that have it.
    ranked = sorted(names, key=lambda k: sum(o.index(k) for o in orders if k in o) / max(1, sum(k in o for o in orders)))
    for item in items:
        for key, _, _, (_, number) in _entries(item, labels):
            if key in required and number is not None:
                numbered += 1
                right += number == ranked.index(key) + 1
    in_order = sum(o == [k for k in ranked if k in o] for o in orders)
    level = Counter(lv for c in levels.values() for lv in c.elements()).most_common(1)[0][0]
    parts = []
    for position, key in enumerate(ranked):
        by_count = [w for w, _ in spellings[key].most_common()]
        # Case does not tell names apart; the other spellings seen are accepted, but not a
        # note after the name (`Context (100-200 words)`): that is extra text, reported as such.
        names = [w for w in by_count if not _NOTE.search(w)] or by_count
        others = tuple(dict.fromkeys(w for w in names[1:] if w.lower() != names[0].lower()))
        by_count = names
        parts.append(Part(by_count[0], others, levels[key].most_common(1)[0][0], position))
    total = sum(forms.values())
    styles = tuple(f for f, n in forms.most_common() if n >= 0.05 * total) or ("plain",)
    return (
        tuple(parts),
        level,
        styles,
        numbered == 0 or right >= 0.95 * numbered,
        in_order >= ORDERED * len(items),
    )


# ---------------------------------------------------------------------------------------------
# As TOML


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if "'" not in value and ("\\" in value or '"' in value):
            return f"'{value}'"
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value).__name__)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_value(key)


def contract_lines(found: Inferred, name: str) -> tuple[list[str], list[str]]:
    """The configuration lines that describe the library: its top-level keys (`include`,
    `profile`), and the contract's table (none for a built-in contract)."""
    top: list[str] = []
    if found.extensions != ("md",):
        top.append(f"include = {toml_value(['*.' + e for e in found.extensions])}")
    if found.built_in and found.built_in_when:  # the last built-in, for the patterns only
        *before, last = found.built_in
        top.append(f"profile = {toml_value([*before, name, NOT_A_PATTERN])}")
        return top, [f"[profiles.{name}]", f"extends = {toml_value(last)}", f"when = {toml_value(dict(found.built_in_when))}"]
    if found.built_in:
        chosen = found.built_in[0] if len(found.built_in) == 1 else list(found.built_in)
        top.append(f"profile = {toml_value(chosen)}")
        return top, []
    top.append(f"profile = {toml_value([name, NOT_A_PATTERN] if found.when else name)}")
    lines = [f"[profiles.{name}]"]
    if found.form == "org":
        lines.append('format = "org"')
    if found.form != "yaml":
        lines.append('frontmatter = "optional"')
    if found.when:
        lines.append(f"when = {toml_value(dict(found.when))}")
    if found.labels:
        lines.append("bold-labels = true")
    if found.parts:
        lines.append(f"section-level = {found.level}")
    if found.forms != ("plain",):
        lines.append(f"section-form = {toml_value(found.forms[0] if len(found.forms) == 1 else list(found.forms))}")
    if not found.exact_numbers:
        lines.append("exact-numbers = false")
    if not found.ordered:
        lines.append('section-order = "any"')
    if found.parts:
        items = []
        for part in found.parts:
            table: dict[str, object] = {}
            if part.spellings:
                table["spellings"] = list(part.spellings)
            if part.level != found.level:
                table["level"] = part.level
            items.append(toml_value({"name": part.name, **table}) if table else toml_value(part.name))
        lines.append(f"sections = [{', '.join(items)}]")
    return top, lines
