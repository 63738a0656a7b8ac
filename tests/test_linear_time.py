"""Linear time on any text: every regular expression on file content, every configured pattern,
and file names that are not UTF-8 in every output format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from patternlint.config import ConfigError, Overrides, resolve

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "examples" / "valid" / "peer-knowledge-exchange.md"
N = 200_000
BOUND = 2.0  # seconds for 200,000 characters: linear takes milliseconds, quadratic minutes


def settings_for(folder: Path) -> object:
    return resolve([folder], folder, Overrides())


def _fast(call: Callable[[], object]) -> None:
    started = time.monotonic()
    call()
    assert time.monotonic() - started < BOUND


def test_atx_closing_marks_after_a_long_run_of_spaces() -> None:
    from patternlint.markdown import headings

    from patternlint.lines import LineMap

    found: list[object] = []
    _fast(lambda: found.extend(headings(LineMap("## Notes" + " " * N + "x ##\n"))))
    assert [h.text for h in headings(LineMap("## Notes  ##  \n"))] == ["Notes"]
    assert len(found) == 1


def test_link_targets_that_never_close() -> None:
    from patternlint.body import Words, comparable

    _fast(lambda: comparable("](" * (N // 2)))
    _fast(lambda: Words('](a "' * (N // 5)))
    assert comparable("see [a](https://x.org \"t\") and [b](c") == "seeaandb(c"


def test_heading_comments_that_never_close() -> None:
    from patternlint.sections import _after_name

    _fast(lambda: _after_name("section 1: context " + "<!--" * (N // 4), "section 1: context"))
    assert _after_name("Context <!-- todo --> x <!-- y", "context") == "x <!-- y"


def test_suppression_comments_that_never_close() -> None:
    from patternlint.suppressions import _html_comments

    _fast(lambda: list(_html_comments("<!-- patternlint-disable" + " " * N + "x")))
    _fast(lambda: list(_html_comments("<!-- patternlint-disable " * (N // 25))))
    found = [m.group("codes") for m in _html_comments("<!-- x <!-- patternlint-disable PL101  -->")]
    assert found == [" PL101"]


def test_core_conflict_statement_with_long_runs_of_spaces() -> None:
    from patternlint.rules.primary_tension_mismatch import _match

    for line in ("**The core conflict is x" + " " * N + "y", "**The core conflict is" + " " * N + "y"):
        _fast(lambda: _match(line, 0, len(line)))
    match = _match("**The core conflict is a vs b  **", 0, 33)
    assert match is not None and match.group("tension") == "a vs b"


def _library(tmp_path: Path, text: str, name: bytes = b"peer-knowledge-exchange.md") -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
        handle.write(text.encode("utf-8"))
    return folder


def _check(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PATTERNLINT_CACHE_DIR"}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "patternlint", "check", ".", *args],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("### Section 2: Problem", "### Section 2: Problem" + " " * N + "x"),
        ("### Section 2: Problem", "### Section 2: Problem " + "<!--" * (N // 4)),
        ("### Section 2: Problem\n", "### Section 2: Problem\n\n**The core conflict is x" + " " * N + "y\n"),
        ("### Section 2: Problem\n", "### Section 2: Problem\n\n<!-- patternlint-disable" + " " * N + "x\n"),
        # the body's last paragraph (truncated-text): spaces before a comment, a long last word
        ("### Section 2: Problem\n", "### Section 2: Problem\n\nText" + " " * N + "x\n"),
        ("### Section 2: Problem\n", "### Section 2: Problem\n\nText" + " " * N + "<!-- a -->\n"),
        ("### Section 2: Problem\n", "### Section 2: Problem\n\n" + "](" * (N // 2) + "\n"),
        # a broken frontmatter line with thousands of quotes and spaces (the yaml-syntax-error path)
        ("title: ", "title: " + '"a" ' * (N // 4) + ": x\nbad: " + " " * N + "#"),
    ],
    ids=[
        "heading-spaces", "heading-comments", "core-conflict-spaces", "suppression-spaces",
        "paragraph-spaces", "paragraph-comment-spaces", "paragraph-link-brackets", "frontmatter-quotes",
    ],
)
def test_adversarial_body_through_the_cli(tmp_path: Path, old: str, new: str) -> None:
    text = VALID.read_text(encoding="utf-8")
    assert old in text
    folder = _library(tmp_path, text.replace(old, new, 1))
    started = time.monotonic()
    done = _check(folder, "--no-cache", "-f", "concise")
    assert time.monotonic() - started < 30  # a whole process on a busy machine; quadratic took minutes
    assert done.returncode in (0, 1), done.stderr


def test_nested_quantifier_slug_pattern_runs_in_linear_time(tmp_path: Path) -> None:
    text = VALID.read_text(encoding="utf-8").replace("slug: peer-knowledge-exchange", "slug: " + "a" * 35 + "!", 1)
    folder = _library(tmp_path, text)
    (folder / "patternlint.toml").write_text('[rules.invalid-format]\nslug-pattern = "^(a+)+$"\n', encoding="utf-8")
    started = time.monotonic()
    done = _check(folder, "--no-cache", "-f", "json", "--select", "PL106")
    assert time.monotonic() - started < 30
    assert done.returncode == 1, done.stderr
    slugs = [f for f in json.loads(done.stdout)["findings"] if f["line"] == 6]
    assert [f["code"] for f in slugs] == ["PL106"] and "a" * 35 + "!" in slugs[0]["message"]


@pytest.mark.parametrize(("pattern", "what"), [(r"(a)\\1", r"`(a)\1`"), ("a(?=b)", "`a(?=b)`"), ("(?<!x)a", "`(?<!x)a`")])
def test_slug_pattern_beyond_re2_is_a_config_error(tmp_path: Path, pattern: str, what: str) -> None:
    (tmp_path / "patternlint.toml").write_text(f'[rules.invalid-format]\nslug-pattern = "{pattern}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        settings_for(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'patternlint.toml'}: `rules.invalid-format.slug-pattern` is {what}, ")
    assert "backreferences and lookarounds are not supported" in message and "\n" not in message


def test_custom_schema_pattern_beyond_re2_is_a_config_error(tmp_path: Path) -> None:
    schema = {"type": "object", "properties": {"slug": {"type": "string", "pattern": "^(?=x)"}}}
    (tmp_path / "s.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "patternlint.toml").write_text(
        'profile = "mine"\n[profiles.mine]\nschema = "s.json"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        settings_for(tmp_path)
    assert "`properties.slug.pattern` in " in str(caught.value) and "`^(?=x)`" in str(caught.value)


FORMATS = ["full", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab"]


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
@pytest.mark.parametrize("output", FORMATS)
def test_file_name_not_utf8_in_every_format(tmp_path: Path, output: str) -> None:
    # A dangling relationship makes the library build its suggester over every slug and stem.
    text = VALID.read_text(encoding="utf-8")
    folder = _library(tmp_path, text, b"peer-knowledge-exchang\xe9.md")
    done = _check(folder, "--no-cache", "-f", output)
    assert done.returncode == 1, done.stderr
    assert "peer-knowledge-exchang\\xe9.md" in done.stdout.replace("\\\\", "\\")
    assert "\ufffd" not in done.stdout
    assert done.stdout == _check(folder, "--no-cache", "-f", output).stdout  # stable
