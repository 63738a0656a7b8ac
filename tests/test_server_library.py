"""The language server's library (no protocol here): after edits in memory, the index it
updates file by file, and the findings it gives, are those of a run from scratch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from patternlint.index import LibraryIndex
from patternlint.server.library import Library, names

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def library(tmp_path: Path) -> Library:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("unreadable-file.md"))
    return Library(folder)


def shape(index: LibraryIndex) -> dict[str, object]:
    """Everything the library rules read from an index, by path (records compare by identity)."""
    return {
        "records": [r.path for r in index.records],
        "by_slug": {k: [r.path for r in v] for k, v in index.by_slug.items()},
        "by_id": {k: [r.path for r in v] for k, v in index.by_id.items()},
        "by_stem": {k: [r.path for r in v] for k, v in index.by_stem.items()},
        "names": {k: None if v is None else v.path for k, v in index._names.items()},
        "edges": {p: [(link.pointer, t.path) for link, t in pairs] for p, pairs in index.edges.items()},
        "curated": sorted(index.curated_edges),
        "inbound": {k: sorted(v) for k, v in index.inbound.items() if v},
        # the records that edges point at are the index's own records, not stale copies
        "identity": all(
            any(t is r for r in index.records) for pairs in index.edges.values() for _, t in pairs
        ),
    }


EDITS = [
    ("valid/peer-knowledge-exchange.md", "overall_score: 3.7", "overall_score: 4.9"),
    ("valid/acquaintance-layer.md", "    - slug: accountability-partnership", "    - slug: accountability-partnershop"),
    ("valid/active-listening-depth.md", "    - slug: acquaintance-layer", "    - slug: peer-knowledge-exchange"),
    ("valid/acquaintance-layer.md", "slug: acquaintance-layer", "slug: accountability-partnership"),  # a name changes
    ("valid/acquaintance-layer.md", "slug: accountability-partnership", "slug: acquaintance-layer"),
    ("broken/duplicate-slug.md", "", ""),  # unchanged text, as an editor opening it sends
    ("valid/acquaintance-layer.md", "slug: acquaintance-layer", "slug: acquaint"),  # typing a slug
    ("valid/acquaintance-layer.md", "slug: acquaint", "slug: acquaintance-lay"),
    ("valid/acquaintance-layer.md", "slug: acquaintance-lay", "slug: acquaintance-layer"),
    ("valid/peer-knowledge-exchange.md", "id: pat_", "id: pax_"),  # an id changes
    ("valid/accountability-partnership.md", "---", "--"),  # no frontmatter any more: no names
    ("valid/accountability-partnership.md", "--", "---"),
]


def test_edits_in_memory_give_the_findings_of_a_run_from_scratch(library: Library) -> None:
    everything = range(len(library.targets))
    assert library.findings(everything)  # the examples have findings of every kind
    for path, old, new in EDITS:
        i = library.by_display[path]
        text = library.text(i)
        assert text is not None and old in text
        library.update(i, text.replace(old, new, 1))
        fresh = LibraryIndex((o.record for o in library.outcomes), links=library.settings.links)
        assert shape(library.index) == shape(fresh)
        incremental = library.findings(everything)
        from_scratch = library.driver.result(library.targets, library.outcomes)
        assert [f for i in sorted(incremental) for f in incremental[i]] == sorted(
            from_scratch.findings, key=lambda f: (library.by_display[f.path], f.sort_key())
        )


def test_an_edit_names_the_files_that_link_to_the_pattern(library: Library) -> None:
    i = library.by_display["valid/accountability-partnership.md"]
    linking = library.dependents(names(library.record(i)))
    assert {library.targets[j].display for j in linking} >= {"valid/acquaintance-layer.md", "valid/active-listening-depth.md"}
    j = library.by_display["valid/acquaintance-layer.md"]
    text = library.text(j)
    assert text is not None
    library.update(j, text.replace("    - slug: accountability-partnership", "    - slug: somewhere-else"))
    assert j not in library.dependents(names(library.record(i))) or "accountability-partnership" in (library.text(j) or "")


def test_an_open_buffer_over_the_size_limit_is_a_finding(library: Library) -> None:
    i = library.by_display["valid/peer-knowledge-exchange.md"]
    library.update(i, "x" * (library.settings.max_file_size + 1))
    assert [f.code for f in library.findings([i])[i]] == ["PL014"]


def test_the_default_cache_is_in_the_folder_checked_not_where_the_process_started(tmp_path: Path) -> None:
    from patternlint.service import CheckRequest, resolve_settings

    # The server runs wherever the editor started it; its cache belongs to the workspace.
    settings = resolve_settings(CheckRequest((tmp_path,), tmp_path)).settings
    assert settings.cache_dir == tmp_path / ".patternlint_cache"


def test_without_pygls_the_server_command_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from typer.testing import CliRunner

    from patternlint.cli.app import app

    monkeypatch.setitem(sys.modules, "pygls", None)  # as if it were not installed
    for name in [m for m in sys.modules if m.startswith(("pygls.", "patternlint.server."))]:
        monkeypatch.delitem(sys.modules, name)
    result = CliRunner().invoke(app, ["server"])
    assert result.exit_code == 2
    assert "install `patternlint[server]`" in result.output


def test_the_server_command_starts_without_the_command_line_framework(tmp_path: Path) -> None:
    # What an editor runs: `patternlint server` goes straight to the server (typer's import is
    # start-up the server does not use); at the end of its input it ends cleanly.
    import subprocess
    import sys

    started = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "patternlint", "server"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert started.returncode == 0, started.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in started.stderr.splitlines() if line.startswith("import time:")}
    assert "pygls.lsp.server" in imported and "patternlint.server.app" in imported
    assert "typer" not in imported and "patternlint.cli.app" not in imported
    # Without pygls, that way says what to install too.
    missing = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['pygls'] = None; sys.argv[1:] = ['server']; "
         "from patternlint.__main__ import main; main()"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    assert missing.returncode == 2
    assert "install `patternlint[server]`" in missing.stderr


def test_the_library_loads_the_rules_before_it_is_ready(tmp_path: Path) -> None:
    """`check` imports the rule modules only when it checks a file; the server loads them with
    the library, so that the first file opened does not wait for them."""
    import subprocess
    import sys

    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("unreadable-file.md"))
    script = (
        "import sys; from pathlib import Path; from patternlint.server.library import Library; "
        "from patternlint.rules import TABLE; "
        f"library = Library(Path({str(folder)!r})); "
        "chosen = [e for e in TABLE if e.code in library.settings.codes]; "
        "print(len(chosen), [e.code for e in chosen if e.module not in sys.modules])"
    )
    # The second time, from the cache the first filled: no file is checked.
    for _ in range(2):
        loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert loaded.stdout.split(" ", 1)[1].strip() == "[]" and int(loaded.stdout.split()[0]) > 40


def test_the_servers_findings_follow_the_profiles_generalization_direction(tmp_path: Path) -> None:
    # The index the server keeps reads generalization links the way the profile says, as
    # `check` does: with the library's own direction declared, PL310 is not reported.
    folder = tmp_path / "lib"
    shutil.copytree(Path(__file__).parent / "fixtures" / "PL310-generalization-direction-mismatch", folder)
    (folder / "patternlint.toml").write_text(
        'profile = "mine"\n[profiles.mine]\nextends = "commons-v7"\n'
        'generalization = {generalizes_from = "target", specializes_to = "source"}\n',
        encoding="utf-8",
    )
    library = Library(folder)
    everything = range(len(library.targets))
    served = sorted((f.path, f.code) for found in library.findings(everything).values() for f in found)
    checked = sorted((f.path, f.code) for f in library.driver.result(library.targets, library.outcomes).findings)
    assert served == checked
    assert "PL301" in {code for _, code in served} and "PL310" not in {code for _, code in served}


def _all_findings(library: Library) -> list[tuple[str, int, int, str, str]]:
    found = library.findings(range(len(library.targets)))
    return sorted((f.path, f.span.line, f.span.column, f.code, f.message) for fs in found.values() for f in fs)


def test_from_a_warm_cache_only_the_records_are_decoded_and_the_findings_are_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("unreadable-file.md"))
    first = Library(folder)  # checks every file and fills the cache
    assert all(o.violations is not None for o in first.outcomes)
    expected = _all_findings(first)
    assert expected

    warm = Library(folder)
    # Start-up decodes what the index needs; a file's violations wait until it is reported on.
    assert all(o.violations is None for o in warm.outcomes)
    assert _all_findings(warm) == expected
    assert all(o.violations is not None for o in warm.outcomes)


def test_without_its_cache_entry_a_file_reported_on_is_checked_again(tmp_path: Path) -> None:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("unreadable-file.md"))
    expected = _all_findings(Library(folder))
    warm = Library(folder)
    warm.stored = None  # as when the entry no longer holds
    assert _all_findings(warm) == expected


def test_a_file_that_names_a_pattern_twice_is_edited_as_any_other(tmp_path: Path) -> None:
    # `administrative-advocacy` is under `relationships` and among the inferred links; the
    # file is the only one naming it.
    folder = tmp_path / "patterns"
    shutil.copytree(Path(__file__).parent / "data" / "neovim", folder)
    library = Library(folder)
    library.index  # noqa: B018 - built before the edit, as the server builds it at start-up
    i = library.by_display["able-bodied-privilege-recognition.md"]
    assert [link.target for link in library.record(i).links].count("administrative-advocacy") == 2
    text = library.text(i)
    assert text is not None
    library.update(i, text.replace("overall_score: ", "overall_score: 1", 1))
    assert shape(library.index) == shape(LibraryIndex((o.record for o in library.outcomes), links=library.settings.links))
    assert library.index.linking["administrative-advocacy"] == {"able-bodied-privilege-recognition.md"}
