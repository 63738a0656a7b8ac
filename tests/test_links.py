"""Links between patterns as a contract declares them: a library with its own link fields gets the
relationship rules' findings from those fields, commons-v7's links are a declaration like any
other, bad declarations are one-line configuration errors, and the language server and
`--staged` read links the way the profile says."""

from __future__ import annotations

import dataclasses
import re
import textwrap
import tomllib
from pathlib import Path

import pytest

from patternlint.config import ConfigError, Overrides, resolve
from patternlint.index import LibraryIndex
from patternlint.contract import built_in as _built_in
from patternlint.links import General
from patternlint.model import Finding
from patternlint.pipeline import lint, lint_run
from patternlint.server.library import Library
from test_changed_since import commit, git
from test_contracts import INNERSOURCE, needs_innersource
from test_formats import run

COMMONS_V7_LINKS = _built_in()["commons-v7"].links

ROOT = Path(__file__).resolve().parents[1]

GARDEN = """\
    profile = "garden"
    extend-select = ["missing-inverse-relationship", "orphan-pattern"]

    [profiles.garden]
    frontmatter = "optional"
    links = [{ field = "parent" }, { field = "children" }, { field = "related" }]
    link-targets = ["stem"]
    link-inverses = { parent = "children", related = "related" }
    link-contradictions = [["parent", "children"]]
    generalization = { parent = "target", children = "source" }
    """

NOTES = {
    "garden-design.md": "children: [soil-care]\nrelated: [compost]\n",
    # named `soil` by its slug, which links may not use: only file names count here
    "soil-care.md": "slug: soil\nparent: garden-design\nrelated:\n  - compost\n  - mulch\n",
    "compost.md": "related: [garden-design, soil]\n",
    "loop-a.md": "parent: loop-b\n",
    "loop-b.md": "parent: loop-a\n",
    "lonely.md": "",
}


def garden(folder: Path, config: str = GARDEN, notes: dict[str, str] = NOTES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "patternlint.toml").write_text(textwrap.dedent(config), encoding="utf-8")
    for name, links in notes.items():
        (folder / name).write_text(f"---\ntitle: {name[:-3]}\n{links}---\nA note.\n", encoding="utf-8")
    return folder


def findings(folder: Path) -> list[Finding]:
    settings = dataclasses.replace(resolve([folder], folder, Overrides()).settings, cache_dir=None, jobs=1)
    return list(lint([folder], settings, cwd=folder).findings)


def found(folder: Path) -> list[tuple[str, int, str]]:
    return [(Path(f.path).name, f.span.line, f.code) for f in findings(folder) if f.code != "PL501"]


def test_a_library_with_its_own_link_fields_gets_the_relationship_findings(tmp_path: Path) -> None:
    folder = garden(tmp_path / "notes")
    assert found(folder) == [
        ("compost.md", 3, "PL301"),  # `soil` is a slug: not a name links may use here
        ("lonely.md", 1, "PL309"),
        ("loop-a.md", 3, "PL307"),
        ("loop-a.md", 3, "PL308"),
        ("loop-b.md", 3, "PL307"),
        ("loop-b.md", 3, "PL308"),
        ("soil-care.md", 6, "PL307"),
        ("soil-care.md", 7, "PL301"),
    ]
    by_code = {(Path(f.path).name, f.code): f for f in findings(folder)}
    inverse = by_code["loop-a.md", "PL307"]
    assert inverse.message == "`parent` names `loop-b.md`, which does not list this pattern under `children`"
    assert inverse.hint == "in `loop-b.md`, add `- loop-a` under `children`"
    # the item to add names the note the way links may: by file name, not by its slug
    assert by_code["soil-care.md", "PL307"].hint == "in `compost.md`, add `- soil-care` under `related`"
    assert by_code["loop-a.md", "PL308"].message == (
        "`parent` closes the cycle `loop-a` → `loop-b` → `loop-a` (each names the next as its `parent`); "
        "a pattern cannot be more specific than itself"
    )
    assert by_code["lonely.md", "PL309"].hint == "add the patterns it relates to under `parent` or `children` or `related`"
    assert by_code["soil-care.md", "PL301"].message == "`related` points at `mulch`, which is not a pattern in this library"


def test_declared_contradictions_and_inverses_are_the_contracts_not_commons(tmp_path: Path) -> None:
    notes = {"a.md": "parent: b\nchildren: [b]\n", "b.md": "parent: a\nchildren: [a]\n"}
    folder = garden(tmp_path / "notes", notes=notes)
    [first, second] = [f for f in findings(folder)]
    assert (first.code, second.code) == ("PL306", "PL306")
    assert first.message == (
        "`b` is under both `parent` (line 3) and `children`; the profile declares `parent` and `children` contradictory"
    )
    assert first.hint == "keep `parent` or `children` for `b`, whichever is true"


def test_mapping_items_with_a_name_key_and_a_weight(tmp_path: Path) -> None:
    config = """\
        profile = "mine"
        extend-select = ["missing-inverse-relationship"]
        [profiles.mine]
        frontmatter = "optional"
        links = [{ field = "see.also", key = ["slug", "id"], weight = "weight" }]
        link-inverses = { also = "also" }
        """
    notes = {
        "a.md": "see:\n  also:\n    - slug: b\n      weight: 0.5\n    - c\n",
        "b.md": "see:\n  also: []\n",
        "c.md": "id: pat_c\nsee:\n  also:\n    - id: a\n",
    }
    folder = garden(tmp_path / "notes", config, notes)
    result = {(Path(f.path).name, f.span.line, f.code): f for f in findings(folder)}
    # `c` names `a` back by its id (as commons' legacy items do), so only `b` lacks the inverse
    assert sorted(result) == [("a.md", 5, "PL307"), ("a.md", 7, "PL302"), ("c.md", 6, "PL302")]
    assert result["a.md", 5, "PL307"].hint == "in `b.md`, add `- slug: a` with `weight: 0.5` under `see.also`"
    assert result["a.md", 7, "PL302"].message == "`also` item `c` is a bare string; expected a `slug` and `weight` mapping"
    assert result["c.md", 6, "PL302"].message == "`also` item names its target with `id: a`; expected `slug`"


def test_a_profile_that_declares_no_links_reads_none(tmp_path: Path) -> None:
    config = """\
        profile = "mine"
        [profiles.mine]
        extends = "commons-v7"
        links = []
        """
    folder = garden(tmp_path / "notes", config, {"a.md": "relationships:\n  enables:\n    - slug: nowhere\n"})
    assert "PL301" not in {f.code for f in findings(folder)}
    (folder / "patternlint.toml").write_text('profile = "commons-v7"\n', encoding="utf-8")
    assert "PL301" in {f.code for f in findings(folder)}


def test_commons_v7_links_written_out_in_the_docs_are_the_built_in_ones(tmp_path: Path) -> None:
    page = (ROOT / "docs" / "contracts.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```toml\n(.*?)```", page, re.DOTALL) if "commons-v7-links" in b)
    assert "commons-v7-links" in tomllib.loads(block)["profiles"]
    (tmp_path / "patternlint.toml").write_text(block, encoding="utf-8")
    assert resolve([tmp_path], tmp_path, Overrides()).profiles["commons-v7-links"].links == COMMONS_V7_LINKS


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('links = "related"', "`profiles.mine`: `links`: expected a list of link field tables, got a string"),
        ('links = [{ feild = "related" }]', "`profiles.mine`: `links[0]`: unknown key `feild`; did you mean `field`?"),
        ('links = [{ type = "related" }]', "`links[0]`: a link field table needs a `field`"),
        ('links = [{ field = "a", body = "markdown" }]', "`links[0]`: a link field table needs a `field`"),
        ('links = [{ body = "html" }]', "`links[0]`: `body` is `html`; expected one of `markdown`, `wiki`, `org`"),
        ('links = [{ body = "wiki", key = "slug" }]', "`links[0]`: a `body` link field takes no `key`, `weight` or `type-key`"),
        (
            'links = [{ body = "wiki", type = "see" }]\nlink-inverses = { see = "see" }',
            "`link-inverses`: unknown link type `see`; only types of metadata fields pair up, and the profile declares none",
        ),
        ('links = [{ field = "a..b" }]', "`links[0]`: `field` is `a..b`; expected a key path like `related`"),
        ('links = [{ field = "a", key = 3 }]', "`links[0]`: `key`: expected a list of strings, got an integer"),
        ('links = [{ field = "a", inferred = "yes" }]', "`links[0]`: `inferred` must be true or false"),
        ('link-targets = ["slugs"]', "`link-targets`: unknown kind of name `slugs`; did you mean `slug`?"),
        ('link-targets = []', "`link-targets`: expected one or more of `slug`, `id`, `stem`, each once"),
        (
            'links = [{ field = "parent" }, { field = "children" }]\nlink-inverses = { parent = "child" }',
            "`link-inverses`: unknown link type `child`; did you mean `children`?",
        ),
        (
            'links = [{ field = "a" }, { field = "b" }, { field = "c" }]\nlink-inverses = { a = "b", c = "b" }',
            "`link-inverses`: `b` is paired with both `a` and `c`; a type has one inverse",
        ),
        ('links = [{ field = "a" }]\nlink-contradictions = [["a"]]', "`link-contradictions[0]`: expected two different link types"),
        (
            'links = [{ field = "a" }, { field = "b" }]\nlink-contradictions = [{ types = ["a", "b"], wyh = "x" }]',
            "`link-contradictions[0]`: unknown key `wyh`; did you mean `why`?",
        ),
        ('links = [{ field = "parent" }]\ngeneralization = { parnet = "target" }', "unknown link type `parnet`; did you mean `parent`?"),
        ('links = []\ngeneralization = { parent = "target" }', "unknown link type `parent`; the profile declares no link fields"),
    ],
)
def test_bad_link_declarations_are_one_line_configuration_errors(tmp_path: Path, table: str, message: str) -> None:
    config = tmp_path / "patternlint.toml"
    config.write_text(f'profile = "mine"\n[profiles.mine]\n{table}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        resolve([tmp_path], tmp_path, Overrides())
    assert str(caught.value).startswith(f"{config}: ")
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_baseline_of_a_library_with_single_name_fields(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `parent: loop-b` is a link with no list position (`parent`, not `parent[0]`)
    folder = garden(tmp_path / "notes")
    monkeypatch.chdir(folder)
    assert run("check", "--no-cache", "--write-baseline", "baseline.json", ".")[0] == 0
    code, out, _ = run("check", "--no-cache", "-f", "concise", "--baseline", "baseline.json", ".")
    assert code == 0 and "PL" not in out


def test_the_server_reads_links_as_the_profile_declares(tmp_path: Path) -> None:
    library = Library(garden(tmp_path / "notes"))
    everything = range(len(library.targets))
    edits = [
        ("lonely.md", "title: lonely\n", "title: lonely\nrelated: [compost]\n"),  # no longer an orphan
        ("loop-b.md", "parent: loop-a", "parent: garden-design"),  # the cycle is broken
        ("compost.md", "soil]", "soil-care]"),  # resolves now
    ]
    for name, old, new in edits:
        i = library.by_display[name]
        text = library.text(i)
        assert text is not None and old in text
        library.update(i, text.replace(old, new, 1))
        fresh = LibraryIndex((o.record for o in library.outcomes), links=library.settings.links)
        assert library.index.edges.keys() == fresh.edges.keys()
        assert {p: [(link.pointer, t.path) for link, t in pairs] for p, pairs in library.index.edges.items()} == {
            p: [(link.pointer, t.path) for link, t in pairs] for p, pairs in fresh.edges.items()
        }
        incremental = library.findings(everything)
        from_scratch = library.driver.result(library.targets, library.outcomes)
        assert [f for i in sorted(incremental) for f in incremental[i]] == sorted(
            from_scratch.findings, key=lambda f: (library.by_display[f.path], f.sort_key())
        )
    codes = {(f.path, f.code) for found in library.findings(everything).values() for f in found}
    assert ("lonely.md", "PL309") not in codes and ("loop-b.md", "PL308") not in codes
    assert ("compost.md", "PL301") not in codes and ("soil-care.md", "PL307") not in codes  # named back now


def test_staged_reads_the_old_links_with_the_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `a` was the only note to name `b`: the staged change that drops the link makes `b` an
    # orphan, which only the link read from the old `a` (a `related` field) tells.
    repo = tmp_path / "repo"
    garden(repo, notes={"a.md": "related: [b]\n", "b.md": "", "c.md": "related: [d]\n", "d.md": "related: [c]\n"})
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "notes")
    monkeypatch.chdir(repo)
    (repo / "a.md").write_text("---\ntitle: a\nrelated: [c]\n---\nA note.\n", encoding="utf-8")
    git(repo, "add", "a.md")
    code, out, _ = run("check", "--no-cache", "-f", "concise", "--staged", ".")
    assert code == 0  # orphan-pattern is informational
    assert "b.md:1:1: PL309 pattern `b` has no relationship to another pattern, and no other pattern names it" in out


BODY = """\
    profile = "notes"
    extend-select = ["orphan-pattern"]
    [profiles.notes]
    frontmatter = "optional"
    links = [{ body = "markdown", type = "mentions" }, { body = "wiki", type = "mentions" }]
    link-targets = ["stem"]
    """


def body_library(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "patternlint.toml").write_text(textwrap.dedent(BODY), encoding="utf-8")
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_links_in_the_body_name_files(tmp_path: Path) -> None:
    folder = body_library(
        tmp_path / "notes",
        {
            "a.md": """\
                # A

                See [B](./b.md) and [C, part two](sub/c.md#two "C"), again [B](b.md), and [[c|see c]].
                Not links to patterns: ![a picture](pic.md), [the site](https://example.org/d.md),
                [the top](/d.md), [here](#a), `[code](d.md)`.

                ```
                [in a code block](d.md)
                ```

                Broken: [gone](../gone.md), [[missing-note]].
                """,
            "b.md": "# B\n\nBack to [[a]].\n",
            "sub/c.md": "# C\n",
            "lonely.md": "# Lonely\n",
        },
    )
    result = [(Path(f.path).name, f.span.line, f.span.column, f.code, f.message) for f in findings(folder)]
    assert result == [
        ("a.md", 11, 19, "PL301", "`mentions` points at `gone`, which is not a pattern in this library"),
        ("a.md", 11, 31, "PL301", "`mentions` points at `missing-note`, which is not a pattern in this library"),
        ("lonely.md", 1, 1, "PL309", "pattern `lonely` has no relationship to another pattern, and no other pattern names it"),
    ]


def test_org_file_links(tmp_path: Path) -> None:
    config = """\
        profile = "org-notes"
        include = ["*.org"]
        [profiles.org-notes]
        format = "org"
        frontmatter = "optional"
        links = [{ body = "org" }]
        link-targets = ["stem"]
        """
    folder = garden(tmp_path / "notes", config, {})
    (folder / "a.org").write_text("#+TITLE: A\n* Motivation\nSee [[file:b.org][B]] and [[file:c.org::*Top]].\n", encoding="utf-8")
    (folder / "b.org").write_text("#+TITLE: B\n* Motivation\n[[https://example.org][web]]\n", encoding="utf-8")
    assert [(Path(f.path).name, f.span.line, f.span.column, f.message) for f in findings(folder)] == [
        ("a.org", 3, 34, "`body` points at `c`, which is not a pattern in this library"),
    ]


@needs_innersource
def test_innersource_links_in_the_body_all_resolve(tmp_path: Path) -> None:
    # 134 links between the InnerSource patterns (`[Trusted Committer](trusted-committer.md)`,
    # `../2-structured/…`, templates): every one names a file of the library.
    body_library(tmp_path, {})
    (tmp_path / "patternlint.toml").write_text(
        'profile = "is"\nselect = ["ALL"]\n[profiles.is]\nextends = "innersource"\n'
        'links = [{ body = "markdown" }]\nlink-targets = ["stem"]\n',
        encoding="utf-8",
    )
    settings = dataclasses.replace(resolve([tmp_path], tmp_path, Overrides()).settings, cache_dir=None, jobs=1)
    run_ = lint_run([INNERSOURCE], settings, tmp_path)
    assert sum(len(o.record.links) for o in run_.outcomes) >= 130
    # (orphan-pattern is on by `ALL`: a pattern no other links to is reached from their index)
    assert [f for f in run_.result.findings if f.code.startswith("PL3") and f.code != "PL309"] == []
    orphan = next(f for f in run_.result.findings if f.code == "PL309")
    assert orphan.hint == "link it to the patterns it relates to"


def test_the_shipped_commons_v7_contract_declares_its_links_as_data() -> None:
    # contracts/commons-v7.toml declares commons-v7's links (no Python copy of them is left),
    # and a profile declaring none has none.
    from patternlint.contract import CONTRACTS_DIR, built_in
    from patternlint.links import NO_LINKS

    known = built_in()
    written = tomllib.loads((CONTRACTS_DIR / "commons-v7.toml").read_text(encoding="utf-8"))
    links = known["commons-v7"].links
    assert [".".join(f.path) for f in links.fields] == [t["field"] for t in written["links"]]
    assert [c.types for c in links.contradictions] == [tuple(c["types"]) for c in written["link-contradictions"]]
    assert dict(links.hierarchy) == {k: General(v) for k, v in written["generalization"].items()}
    assert all(known[name].links == NO_LINKS for name in ("commons-v1", "innersource", "peeragogy-md", "peeragogy-org", "not-a-pattern"))
