"""Reading a file: splitting frontmatter from body, YAML with positions, Markdown headings.

One coordinate system: 1-based lines and columns from the top of the file, the opening `---` on
line 1, the same for LF, CRLF and files with a byte-order mark.
"""

from __future__ import annotations

from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patternlint import markdown, problems, source, yamlload
from patternlint.lines import LineMap
from patternlint.markdown import Heading
from patternlint.model import Span
from patternlint.rules import missing_frontmatter, not_utf8, tab_indentation, yaml_syntax_error
from patternlint.yamlload import LimitExceeded, may_nest_deeper, nesting_depth, parse_frontmatter

FRONT = "---\nslug: a\ntitle: A\n---\n\n### Section 1: Context\n\nText.\n"


# ---------------------------------------------------------------------------------------------
# source.split


def test_split_lf() -> None:
    src = source.split(FRONT.encode())
    assert src.problem is None
    assert src.frontmatter == "slug: a\ntitle: A\n"
    assert src.frontmatter_line == 2
    assert src.body == "\n### Section 1: Context\n\nText.\n"
    assert src.body_line == 5
    assert src.bom is False


def test_split_crlf_keeps_the_same_lines() -> None:
    src = source.split(FRONT.replace("\n", "\r\n").encode())
    assert src.problem is None
    assert src.frontmatter is not None and src.frontmatter.replace("\r\n", "\n") == "slug: a\ntitle: A\n"
    assert (src.frontmatter_line, src.body_line) == (2, 5)
    assert src.body.startswith("\r\n### Section 1: Context\r\n")


def test_split_bom_is_not_part_of_the_text() -> None:
    src = source.split(b"\xef\xbb\xbf" + FRONT.encode())
    assert src.problem is None and src.bom is True
    assert src.text == FRONT
    assert (src.frontmatter_line, src.body_line) == (2, 5)


def test_split_closing_with_dots_and_trailing_spaces() -> None:
    src = source.split(b"--- \nslug: a\n...\t\nbody\n")
    assert src.problem is None
    assert src.frontmatter == "slug: a\n"
    assert (src.body, src.body_line) == ("body\n", 4)


def test_split_file_ending_at_the_closing_fence() -> None:
    src = source.split(b"---\nslug: a\n---")
    assert src.problem is None
    assert src.frontmatter == "slug: a\n" and src.body == ""


def test_split_empty_frontmatter() -> None:
    src = source.split(b"---\n---\nbody\n")
    assert src.problem is None
    assert src.frontmatter == ""
    assert src.body_line == 3


@pytest.mark.parametrize(
    ("data", "kind", "span"),
    [
        (b"", problems.EmptyFile, Span(1, 1, 1, 1)),
        (b" \n\t\r\n", problems.EmptyFile, Span(1, 1, 1, 1)),
        (b"# Title\n---\nslug: a\n---\n", problems.MissingFrontmatter, Span(1, 1, 1, 8)),
        (b"\n---\nslug: a\n---\n", problems.MissingFrontmatter, Span(1, 1, 1, 1)),
        (b"----\nslug: a\n----\n", problems.MissingFrontmatter, Span(1, 1, 1, 5)),
        (b"---\nslug: a\n", problems.UnclosedFrontmatter, Span(1, 1, 1, 4)),
        (b"---", problems.UnclosedFrontmatter, Span(1, 1, 1, 4)),
        (b"---\nslug: a\n ---\n", problems.UnclosedFrontmatter, Span(1, 1, 1, 4)),
    ],
)
def test_split_problems(data: bytes, kind: type, span: Span) -> None:
    problem = source.split(data).problem
    assert problem is not None
    assert (type(problem), problem.span) == (kind, span)


def test_missing_frontmatter_message_quotes_line_one() -> None:
    problem = source.split(b"# Peer Knowledge Exchange\r\nText\n").problem
    assert isinstance(problem, problems.MissingFrontmatter)
    assert missing_frontmatter.words(problem).message == "file has no YAML frontmatter: line 1 is `# Peer Knowledge Exchange`, expected `---`"


@pytest.mark.parametrize(
    ("data", "line", "column", "byte"),
    [
        (b"---\ntitle: Caf\xe9\n---\n", 2, 11, "e9"),
        (b"---\r\nslug: a\r\n---\r\nok \xff\r\n", 4, 4, "ff"),
    ],
)
def test_not_utf8_position(data: bytes, line: int, column: int, byte: str) -> None:
    problem = source.split(data).problem
    assert isinstance(problem, problems.NotUtf8)
    assert (problem.span.line, problem.span.column) == (line, column)
    assert f"`0x{byte}`" in not_utf8.words(problem).message


def test_not_utf8_position_in_a_file_with_a_bom() -> None:
    problem = source.split(b"\xef\xbb\xbf---\nslug: a\n---\n\x97\n").problem
    assert isinstance(problem, problems.NotUtf8)
    assert (problem.span.line, problem.span.column) == (4, 1)
    assert not_utf8.words(problem).message == "file is not valid UTF-8: byte `0x97` cannot be decoded"


# ---------------------------------------------------------------------------------------------
# yamlload.parse_frontmatter


def parse(text: str, offset: int = 2) -> tuple[object, yamlload.Positions, list[yamlload.DuplicateKey]]:
    return yamlload.parse_frontmatter(text, offset)


def test_timestamps_stay_strings() -> None:
    data, _, _ = parse(
        "last_pruned: 2026-02-19\n"
        "bad: 2024-13-45\n"
        "created: 2026-01-28 00:00:00+00:00\n"
        "quoted: '2026-02-16'\n"
    )
    assert data == {
        "last_pruned": "2026-02-19",
        "bad": "2024-13-45",
        "created": "2026-01-28 00:00:00+00:00",
        "quoted": "2026-02-16",
    }


def test_scalars_follow_yaml_1_1() -> None:
    data, _, _ = parse("a: 0.1\nb: 3\nc: true\nd: ~\ne: '3'\nf: 1.0\ng: yes\nh: 0x1f\n")
    assert data == {"a": 0.1, "b": 3, "c": True, "d": None, "e": "3", "f": 1.0, "g": True, "h": 31}
    assert isinstance(data, dict) and type(data["b"]) is int and type(data["f"]) is float


def test_explicit_tags_never_construct_objects() -> None:
    data, _, _ = parse("a: !!python/object:os.system echo\nb: !custom 12\nc: !!binary aGk=\n")
    assert data == {"a": "echo", "b": "12", "c": "aGk="}


def test_positions_are_file_coordinates() -> None:
    text = "slug: a\nrelationships:\n  enables:\n    - slug: b\n      weight: 1.4\n"
    _, positions, _ = parse(text, offset=2)
    assert positions.value_span(("slug",)) == Span(2, 7, 2, 8)
    assert positions.value_span(("relationships", "enables", 0, "weight")) == Span(6, 15, 6, 18)
    assert positions.key_span(("relationships", "enables")) == Span(4, 3, 4, 10)
    assert positions.owner_span(()) == Span(1, 1, 1, 4)
    assert positions.owner_span(("relationships",)) == Span(3, 1, 3, 14)


def test_positions_in_crlf_text() -> None:
    text = "slug: a\r\nlifecycle:\r\n  confidence: high\r\n"
    _, positions, _ = parse(text, offset=2)
    assert positions.value_span(("lifecycle", "confidence")) == Span(4, 15, 4, 19)


def test_duplicate_keys_are_found_on_their_second_occurrence() -> None:
    text = "title: A\nlifecycle:\n  status: draft\n  version: 0.1\n  status: stable\ntitle: B\n"
    data, _, duplicates = parse(text, offset=2)
    assert [(d.key, d.span.line, d.span.column, d.first_line) for d in duplicates] == [
        ("status", 6, 3, 4),
        ("title", 7, 1, 2),
    ]
    assert data == {"title": "B", "lifecycle": {"status": "stable", "version": 0.1}}


def test_same_key_in_two_mappings_is_not_a_duplicate() -> None:
    _, _, duplicates = parse("a:\n  id: x\nb:\n  id: y\nc: [{id: 1}, {id: 2}]\n")
    assert duplicates == []


def test_alias_shares_one_object() -> None:
    data, _, _ = parse("base: &labels\n  corporate: x\n  tech: y\ncontext_labels: *labels\nlist: &l [1, 2]\nagain: *l\n")
    assert isinstance(data, dict)
    assert data["context_labels"] is data["base"]
    assert data["context_labels"] == {"corporate": "x", "tech": "y"}
    assert data["again"] is data["list"]


def test_empty_frontmatter_is_none() -> None:
    data, positions, duplicates = parse("# only a comment\n")
    assert data is None and duplicates == []
    assert positions.owner_span(()) == Span(1, 1, 1, 4)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('title: "Peer Knowledge Exchange"\nslug: a: b\n', 3, 8),
        # an unclosed flow mapping is reported where its `{` was opened
        ("ontology: {domain: x, cross_domains: []\n  commons_domain:\n", 2, 11),
        ("lifecycle:\n\tstatus: draft\n", 3, 1),
        # the text ends inside a quoted value: reported at its opening quote
        ("a: 'unterminated\n", 2, 4),
        ('title: "Animal Relationship Ethics\naliases: []\n', 2, 8),
        # a closed flow mapping with a block list inside: at the block key
        ("ontology: {domain: x, cross_domains: []\n  commons_domain:\n    - life}\n", 3, 3),
    ],
)
def test_yaml_syntax_error_position(text: str, line: int, column: int) -> None:
    with pytest.raises(yamlload.YamlSyntaxError) as info:
        parse(text, offset=2)
    assert (info.value.span.line, info.value.span.column) == (line, column)
    problem = info.value.problem
    if isinstance(problem, problems.TabIndentation):
        message = tab_indentation.words(problem).message
    else:
        message = yaml_syntax_error.words(problem).message
    assert message and "\n" not in message


# ---------------------------------------------------------------------------------------------
# markdown.headings


def heads(body: str, body_line: int = 10) -> list[tuple[int, str, Span]]:
    """The headings of `body` when it starts on file line `body_line`."""
    return [(h.level, h.text, h.span) for h in markdown.headings(LineMap(body, body_line))]


def test_atx_headings_in_file_coordinates() -> None:
    body = "\n### Section 1: Context\n\nText.\n\n  ## Section 2: Problem ##\n"
    assert heads(body) == [
        (3, "Section 1: Context", Span(11, 1, 11, 23)),
        (2, "Section 2: Problem", Span(15, 3, 15, 27)),
    ]


def test_headings_inside_code_fences_do_not_count() -> None:
    body = (
        "```markdown\n### Section 1: Context\n```\n"
        "~~~\n# Section 2: Problem\n~~~\n"
        "    ### indented code, not a heading\n"
        "\n### Section 3: Solution\n"
    )
    assert heads(body, 1) == [(3, "Section 3: Solution", Span(9, 1, 9, 24))]


def test_setext_headings() -> None:
    body = "Section 1: Context\n------------------\n\nSection 2: Problem\n===\n"
    assert heads(body, 5) == [
        (2, "Section 1: Context", Span(5, 1, 6, 19)),
        (1, "Section 2: Problem", Span(8, 1, 9, 4)),
    ]


def test_thematic_break_after_blank_line_is_not_a_heading() -> None:
    assert heads("Paragraph.\n\n---\n\n### Section 1: Context\n", 1) == [
        (3, "Section 1: Context", Span(5, 1, 5, 23))
    ]


def test_crlf_headings_have_lf_positions() -> None:
    lf = "\nIntro.\n\n### Section 2: Problem\n\nText.\n"
    assert heads(lf.replace("\n", "\r\n")) == heads(lf) == [(3, "Section 2: Problem", Span(13, 1, 13, 23))]


def test_heading_type_is_frozen() -> None:
    heading = Heading(3, "x", Span.point(1))
    with pytest.raises(AttributeError):
        heading.level = 2  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# Tag resolution: our loader answers what PyYAML's safe loader answers, node for node


def _tags(node: object, seen: dict[int, int] | None = None) -> object:
    """Each node's tag, value and place; a node reached again (an alias) only by its number, so
    that an alias bomb among the fixtures stays small."""
    from yaml.nodes import MappingNode, ScalarNode

    seen = {} if seen is None else seen
    if node is None:  # an empty document
        return None
    if id(node) in seen:
        return ("alias", seen[id(node)])
    seen[id(node)] = len(seen)
    if isinstance(node, ScalarNode):
        return (node.tag, node.value, node.start_mark.index, node.end_mark.index)
    if isinstance(node, MappingNode):
        return (node.tag, [(_tags(k, seen), _tags(v, seen)) for k, v in node.value])
    return (node.tag, [_tags(child, seen) for child in node.value])  # type: ignore[attr-defined]


RESOLVER_CASES = [
    "a: ''\nb:\nc: ~\nd: null\ne: Null\nf: NULL\ng: -a\n",
    "a: 1\nb: -1\nc: +1\nd: 0x1f\ne: 0o17\nf: 010\ng: 1_000\nh: 1:30\ni: 190:20:30\n",
    "a: .5\nb: -.5\nc: 1e3\nd: .inf\ne: -.Inf\nf: .NaN\ng: 1.2.3\nh: +.5\n",
    "a: true\nb: yes\nc: On\nd: n\ne: y\nf: FALSE\ng: off\n",
    "a: 2024-01-02\nb: 2024-13-45\nc: 2001-12-14t21:59:43.10-05:00\nd: 2024-1-2\n",
    "a: '1'\nb: \"true\"\nc: !!str 3\nd: ! 5\ne: !custom 7\nf: |\n  12\n",
    "=: x\n<<: {a: 1}\nk: [1, a, {b: ~}, [.5]]\n? [complex]\n: v\n",
]


@pytest.mark.parametrize("text", RESOLVER_CASES)
def test_loader_resolves_tags_like_pyyaml(text: str) -> None:
    import yaml

    base = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    assert _tags(yaml.compose(text, Loader=yamlload._Loader)) == _tags(yaml.compose(text, Loader=base))


def test_loader_resolves_tags_like_pyyaml_on_every_shipped_file() -> None:
    import pathlib

    import yaml

    root = pathlib.Path(__file__).resolve().parents[1]
    library = root.parent / "shared" / "reference" / "commons-os-library" / "_patterns"
    folders = [root / "tests" / "fixtures", root / "examples", library]
    compared = 0
    for path in (p for folder in folders if folder.is_dir() for p in sorted(folder.rglob("*.md"))):
        split = source.split(path.read_bytes()) if path.is_file() else None
        if split is None or split.frontmatter is None:
            continue
        try:
            expected = _tags(yaml.compose(split.frontmatter, Loader=yaml.CSafeLoader))
        except yaml.YAMLError:
            continue
        assert _tags(yaml.compose(split.frontmatter, Loader=yamlload._Loader)) == expected, path
        compared += 1
    assert compared > 100


# ---------------------------------------------------------------------------------------------
# Trees and graphs: the fast build is only taken where no node can be reached twice


ANCHORED = [
    "a: &x 1\nb: *x\n",
    "a: &x\n  k: v\nb: *x\n",
    "- &a x\n- *a\n",
    "[&a 1, *a]\n",
    '{"a":&x 1, "b": *x}\n',
    "{a: [1,&y 2], b: *y}\n",
    "a: !!str &x v\nb: *x\n",
    "a:\t&x v\nb: *x\n",
    "&top\na: 1\nb: *top\n",
    "a: &x\u2028b: *x\n",
    "x: [?&a [1] : 0, *a]\n",  # `?` marks a flow key even without a space
    "x: [\n\ufeff&a [1, 2], *a]\n",  # libyaml skips a byte-order mark at a line's start
    "x: [1,&a 2,*a]\n",
]


@pytest.mark.parametrize("text", ANCHORED)
def test_anchors_are_seen(text: str) -> None:
    assert yamlload.may_share_nodes(text)


@pytest.mark.parametrize("text", ["a: R&D *now*\n", "# ONTOLOGY & SEARCH *\na: 1\n", "a: '&x'\n", "a: &x 1\n"])
def test_text_without_an_anchor_and_an_alias_builds_as_a_tree(text: str) -> None:
    assert not yamlload.may_share_nodes(text)


def test_shared_nodes_in_any_style_pyyaml_writes_are_seen() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st
    import yaml

    leaves = st.one_of(st.integers(), st.text(max_size=5), st.booleans(), st.none())
    values = st.recursive(
        leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    )

    @settings(max_examples=200, deadline=None)
    @given(values, st.sampled_from([None, True, False]), st.booleans())
    def check(value: object, flow: bool | None, wrap: bool) -> None:
        shared = [value, value] if not wrap else {"x": value, "y": [value]}
        text = yaml.dump(shared, default_flow_style=flow, allow_unicode=True)
        if "*" in text and "&" in text:  # PyYAML wrote an anchor and an alias
            assert yamlload.may_share_nodes(text), text

    check()


def _flow_key_bomb(levels: int, bom: bool) -> str:
    """Ten times more values a level, with anchors where a simple look at the text misses them."""
    if bom:
        items = [f"\ufeff&l0 [{','.join(['1'] * 10)}]"] + [
            f"\ufeff&l{i} [{','.join([f'*l{i - 1}'] * 10)}]" for i in range(1, levels)
        ]
        return "x: [\n" + ",\n".join(items) + f",\n\ufeff*l{levels - 1}]\n"
    items = [f"?&l0 [{','.join(['1'] * 10)}] : 0"] + [
        f"?&l{i} [{','.join([f'*l{i - 1}'] * 10)}] : 0" for i in range(1, levels)
    ]
    return "x: [" + ", ".join(items) + f", *l{levels - 1}]\n"


@pytest.mark.parametrize("bom", [False, True])
def test_alias_bombs_behind_flow_keys_and_byte_order_marks_are_measured(bom: bool) -> None:
    text = _flow_key_bomb(6, bom)
    assert yamlload.may_share_nodes(text)
    with pytest.raises(yamlload.LimitExceeded) as caught:
        yamlload.parse_frontmatter(text, 2)
    assert caught.value.setting == "max-alias-expansion"


def test_two_nan_keys_are_one_duplicate() -> None:
    _, _, duplicates = yamlload.parse_frontmatter("extra:\n  .nan: 1\n  .NaN: 2\n", 2)
    assert [(d.key, d.span.line, d.first_line) for d in duplicates] == [("nan", 4, 3)]


def test_alias_bomb_is_measured_whatever_surrounds_it() -> None:
    laughs = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
    for level in "bcdefgh":
        prev = chr(ord(level) - 1)
        laughs += f"{level}: &{level} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    with pytest.raises(yamlload.LimitExceeded):
        yamlload.parse_frontmatter("# R&D notes\n" + laughs, 2)


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 5000 + "]" * 5000,  # past the depth where libyaml 0.2.6 gives up by itself
        "x:\n" + "- " * 5000 + "a",
        "".join(" " * i + "k:\n" for i in range(150)),
        "x: [" + "{a: [" * 60 + "1" + "]}" * 60 + "]",
    ],
    ids=["flow", "compact-block", "indented-block", "mixed"],
)
def test_deep_nesting_is_a_limit_whatever_libyaml_does(text: str) -> None:
    with pytest.raises(LimitExceeded) as raised:
        parse_frontmatter(text, 2)
    assert raised.value.setting == "max-nesting-depth"


def test_nesting_bound_never_misses() -> None:
    # The cheap bound in front of the exact measure must say "maybe" wherever the depth is over.
    for depth in range(95, 106):
        block = "".join(" " * (i // 2) + ("k:\n" if i % 2 == 0 else "- \n") for i in range(depth))
        exact = nesting_depth(block, 100)
        assert exact is None or may_nest_deeper(block, 100)



def _safe_loader_value(text: str) -> object:
    import yaml

    return yaml.load(text, Loader=yaml.SafeLoader)["k"]


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(["", "!!int ", "!!float ", "!!bool "]),
    st.text(alphabet="0123456789+-._:eEinfaNx٣", min_size=1, max_size=10),
)
def test_numbers_are_built_as_pyyaml_builds_them(tag: str, value: str) -> None:
    # Plain decimal ints and floats take a shortcut past PyYAML's constructors; every value
    # PyYAML's safe loader builds must come out the same (type, value and sign of zero).
    import math

    import yaml

    text = f"k: {tag}{value}\n"
    try:
        expected = _safe_loader_value(text)
    except yaml.YAMLError:
        return  # not YAML at all
    except Exception:  # noqa: BLE001 - PyYAML's constructors fail in several ways (`!!int _`: IndexError)
        assert parse_frontmatter(text, 1)[0]["k"] == value  # type: ignore[index]
        return  # not a value PyYAML builds: we keep its text
    if not isinstance(expected, (int, float)):
        return
    got = parse_frontmatter(text, 1)[0]["k"]  # type: ignore[index]
    assert type(got) is type(expected)
    if isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(got)  # type: ignore[arg-type]
    else:
        assert got == expected and math.copysign(1, got) == math.copysign(1, expected)  # type: ignore[arg-type]


def test_a_tagged_value_pyyaml_cannot_build_is_kept_as_text() -> None:
    # `!!int _` made PyYAML's int constructor fail with an IndexError: an internal error (exit 2),
    # and `!!bool maybe` a KeyError
    data = parse_frontmatter("k: !!int _\nj: !!float _\nn: !!int 1.5\nb: !!bool maybe\n", 1)[0]
    assert data == {"k": "_", "j": "_", "n": "1.5", "b": "maybe"}


@pytest.mark.parametrize("others", [0, 8])
def test_a_path_finds_the_last_of_two_equal_keys_in_small_and_large_mappings(others: int) -> None:
    # Small mappings are scanned, large ones looked up in a table: both answer as the data holds.
    filler = "".join(f"k{i}: {i}\n" for i in range(others))
    text = f"{filler}a: 1\nb: {{x: 1, x: 2}}\na: 3\n"
    data, positions, _ = parse_frontmatter(text, 1)
    assert data["a"] == 3  # type: ignore[index]
    assert positions.value_span(("a",)).line == others + 3
    assert positions.value_span(("b", "x")).column == 14  # the second `x`
    assert positions.value_span(("missing",)) == positions.value_span(())


@given(st.lists(st.sampled_from(["---", "...", "--- ", "-- -", "a", " ", "\t", "\n", "\r\n", "x---"]), max_size=12))
def test_the_closing_fence_is_the_first_fence_line_after_the_opening(pieces: list[str]) -> None:
    # The search skips from line break to line break; it must find what a line-by-line
    # reading finds: the first `---` or `...` line (trailing blanks allowed) after line 1.
    text = "---\n" + "".join(pieces)
    found = source.split(text.encode())
    lines = text.split("\n")
    closing = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip("\r").rstrip(" \t") in ("---", "...")), None
    )
    if closing is None:
        assert found.frontmatter is None
    else:
        assert found.frontmatter == "\n".join(lines[1:closing]) + ("\n" if closing > 1 else "")
        assert found.body_line == closing + 2


@given(st.text(alphabet="ab \t\r\n\x85\u2028\u2029\x0b", max_size=30), st.integers(1, 5))
def test_a_line_is_the_text_between_its_start_and_end(text: str, first: int) -> None:
    # `line` writes `start` and `end` out; every line, and the lines around the text (callers
    # step one past either end), must be what the two say.
    lines = LineMap(text, first)

    def outcome(read: Callable[[], str]) -> str | type[IndexError]:
        try:
            return read()
        except IndexError:  # before the first line of an empty text
            return IndexError

    for n in range(first - 2, first + len(lines) + 2):
        assert outcome(lambda: lines.line(n)) == outcome(lambda: text[lines.start(n) : lines.end(n)]), n
