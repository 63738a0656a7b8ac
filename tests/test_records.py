"""The record encoding the cache uses (records.Codec): derived from the dataclasses' fields,
round-trips every record type, leaves out trailing defaults, and refuses any other shape."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path
from typing import Any, Union

import pytest

from patternlint.cache import FINDING, RECORD, SUPPRESSION, VIOLATION
from patternlint.fixes import AppendItem, Edit, Fix, RemoveItem
from patternlint.facts import FileRecord, Link
from patternlint.model import Finding, Fixability, Severity, Span, Violation
from patternlint.facts import Layout
from patternlint.records import Codec
from patternlint.settings import default_settings
from patternlint.suppressions import Suppression

SPAN = Span(1, 2, 3, 4)
LINK = Link("enables", "x", "slug", SPAN, "relationships.enables[0].slug")
FIX = Fix(
    "set it",
    Fixability.UNSAFE,
    (Edit(SPAN, "x"), RemoveItem(("r", "e", 1), ("r",)), AppendItem(("r", "s"), (("slug", "x"),))),
    "o.md",
    ("claim",),
)


def test_every_record_type_round_trips() -> None:
    weighted = Link("enables", "y", "slug", SPAN, "relationships.enables[1].slug", 0.5)
    record = FileRecord("a.md", "a", Layout.V7, "a", SPAN, "id", SPAN, (LINK, weighted))
    assert RECORD.decode(RECORD.encode(record), "a.md") == record
    assert RECORD.decode(RECORD.encode(FileRecord("b.md", "b", Layout.V1, None, None, None, None, (), None)), "b.md").shared is None
    violation = Violation("m", SPAN, "h", FIX)
    assert VIOLATION.decode(VIOLATION.encode(violation)) == violation
    suppression = Suppression(("PL101", "unknown-key"), 3, 4, SPAN)
    assert SUPPRESSION.decode(SUPPRESSION.encode(suppression)) == suppression
    finding = Finding("a.md", SPAN, "PL101", "missing-required-key", Severity.WARNING, "m", None, FIX)
    assert FINDING.decode(FINDING.encode(finding)) == finding


def test_trailing_defaults_are_left_out() -> None:
    assert VIOLATION.encode(Violation("m", SPAN)) == ["m", [1, 2, 3, 4]]
    assert len(RECORD.encode(FileRecord("a.md", "a", Layout.V7, None, None, None, None, ()))) == 7  # no path, no shared
    assert RECORD.encode(FileRecord("a.md", "a", Layout.V7, None, None, None, None, (LINK,)))[6] == [
        ["enables", "x", "slug", [1, 2, 3, 4], "relationships.enables[0].slug"]  # no weight
    ]


@pytest.mark.parametrize(
    "raw",
    [
        [],
        ["a", "v7"],
        ["a", "v7", None, None, None, None, [], None, None, [], None, "extra"],  # one field more than FileRecord has
        ["a", "v7", None, None, None, None, [], None, None, ["3.0"]],  # a score is a number
        ["a", 7, None, None, None, None, []],
        ["a", "v9", None, None, None, None, []],  # no such layout
        ["a", "v7", None, [1, 2, 3], None, None, []],  # a span of three
        ["a", "v7", None, [1, 2, 3, True], None, None, []],  # a bool is not a line number
        ["a", "v7", None, None, None, None, [["enables", "x", "slug", [1, 2, 3, 4], "p", 1]]],  # int weight
        ["a", "v7", None, None, None, None, {}],
        {"stem": "a"},
    ],
)
def test_other_shapes_are_refused(raw: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        RECORD.decode(raw, "a.md")


def test_an_unknown_change_or_enum_value_is_refused() -> None:
    with pytest.raises(KeyError):
        VIOLATION.decode(["m", [1, 1, 1, 1], None, ["d", "safe", [["Zap", 1]], None, []]])
    with pytest.raises(ValueError):
        VIOLATION.decode(["m", [1, 1, 1, 1], None, ["d", "risky", [], None, []]])
    with pytest.raises(ValueError):
        FINDING.decode(["a.md", [1, 1, 1, 1], "PL101", "r", "3", "m"])


class Colour(enum.Enum):
    RED = "red"


@dataclass(frozen=True)
class Inner:
    n: int


@dataclass(frozen=True)
class Other:
    s: str


@dataclass(frozen=True)
class Outer:
    name: str
    pair: tuple[str, int]
    colour: Colour
    either: Union[Inner, Other]
    many: tuple[Inner, ...] = ()
    flag: bool = False


def test_a_new_field_needs_no_change_to_the_codec() -> None:
    codec = Codec(Outer)
    value = Outer("x", ("a", 1), Colour.RED, Other("o"), (Inner(1), Inner(2)), True)
    assert codec.encode(value) == ["x", ["a", 1], "red", ["Other", "o"], [[1], [2]], True]
    assert codec.decode(codec.encode(value)) == value
    assert codec.encode(Outer("x", ("a", 1), Colour.RED, Inner(3))) == ["x", ["a", 1], "red", ["Inner", 3]]
    assert "flag:bool" in codec.shape and "Colour{'red'}" in codec.shape


def test_a_type_it_cannot_encode_is_an_error() -> None:
    @dataclass(frozen=True)
    class Bad:
        data: dict[str, int]

    with pytest.raises(TypeError):
        Codec(Bad).encode


def test_a_changed_record_shape_voids_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import patternlint.cache
    import patternlint.runner
    from patternlint.pipeline import lint_run

    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.md").write_text("---\nslug: a\n---\n", encoding="utf-8")
    settings = replace(default_settings(), cache_dir=tmp_path / "cache", jobs=1)
    read: list[str] = []
    process = patternlint.runner.process
    monkeypatch.setattr(patternlint.runner, "process", lambda t, *a: read.append(t.display) or process(t, *a))
    first = lint_run([lib], settings, tmp_path).result
    assert lint_run([lib], settings, tmp_path, reuse=False).result == first and read == ["lib/a.md"]
    monkeypatch.setattr(patternlint.cache, "shape", lambda: "another")
    assert lint_run([lib], settings, tmp_path).result == first and read == ["lib/a.md"] * 2


@dataclass(frozen=True, slots=True)
class _Checked:
    n: int
    seen: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.n < 0:
            raise ValueError("negative")


@dataclass(frozen=True, slots=True)
class _Base:
    a: int


@dataclass(frozen=True, slots=True)
class _Derived(_Base):
    b: str


def test_decoded_objects_are_the_frozen_dataclasses_their_init_makes() -> None:
    import dataclasses

    record = FileRecord("a.md", "a", Layout.V7, "a", SPAN, None, None, (LINK,), (SPAN,))
    decoded = RECORD.decode(RECORD.encode(record), "a.md")
    for made, built in ((decoded, record), (decoded.links[0], LINK), (decoded.links[0].span, SPAN)):
        assert type(made) is type(built)
        assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, dataclasses.fields(made)[0].name, "b.md")
    # A class whose __init__ does more than set its fields, or whose fields are not all its
    # own slots, is made through __init__.
    assert Codec(_Derived).decode([1, "x"]) == _Derived(1, "x")
    with pytest.raises(ValueError, match="negative"):
        Codec(_Checked).decode([-1])
