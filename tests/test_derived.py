"""Derived values declared by a contract (patternlint.derived): aggregates and ratings, how a
configuration declares them, what a bad declaration says, and that commons-v7's are data."""

from __future__ import annotations

import dataclasses
import re
import textwrap
import tomllib
from pathlib import Path

import pytest

from patternlint.config import ConfigError, Overrides, resolve
from patternlint.derived import Aggregate, Function, Rating, Rounding, read_aggregates, read_ratings
from patternlint.model import Finding
from patternlint.pipeline import lint
from patternlint.contract import built_in
from patternlint.rules.overall_score_mismatch import _rounded

ROOT = Path(__file__).resolve().parent.parent


COMMONS_V7_PROFILE = built_in()["commons-v7"]
CONTRACT = ROOT / "src" / "patternlint" / "contracts" / "commons-v7.toml"


def findings(folder: Path, config: str, files: dict[str, str]) -> list[Finding]:
    (folder / "patternlint.toml").write_text(textwrap.dedent(config), encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    settings = dataclasses.replace(resolve([folder], folder, Overrides()).settings, cache_dir=None, jobs=1)
    return [f for f in lint([folder], settings, cwd=folder).findings if f.code in ("PL201", "PL202")]


# ---------------------------------------------------------------------------------------------
# Aggregates


def test_functions() -> None:
    assert [f.of([1.0, 2.0, 6.0]) for f in Function] == [3.0, 9.0, 1.0, 6.0]


def test_rounding_half_up_and_half_even() -> None:
    mean = (3.0 + 3.5) / 2  # 3.25, a tie at one decimal
    assert _rounded(mean, 1, Rounding.HALF_UP) == "3.3"
    assert _rounded(mean, 1, Rounding.HALF_EVEN) == "3.2"
    assert _rounded(2.5, 0, Rounding.HALF_EVEN) == "2"
    assert _rounded(2.6667, 0, Rounding.HALF_UP) == "3"


def test_a_wildcard_takes_the_mappings_children_but_the_aggregate_itself() -> None:
    (aggregate,) = read_aggregates([{"key": "scores.total", "function": "sum", "of": ["scores.*"]}])
    data = {"scores": {"a": 1, "b": 2, "total": 3}}
    assert aggregate.sources(data) == [(("scores", "a"), 1), (("scores", "b"), 2)]
    assert aggregate.sources({"scores": 3}) is None
    assert aggregate.described(2) == "the 2 values of `scores`"
    assert aggregate.allowed == 0.05  # half a unit of the last of 1 decimal


def test_a_declared_aggregate_is_checked_and_a_consistent_file_is_not_reported(tmp_path: Path) -> None:
    config = """\
        profile = "reviews"
        [profiles.reviews]
        [[profiles.reviews.aggregates]]
        key = "summary.best"
        function = "max"
        of = ["a", "b", "c"]
        of-name = "ratings"
        decimals = 0
    """
    found = findings(
        tmp_path,
        config,
        {
            "good.md": "---\na: 1\nb: 4\nc: 2\nsummary:\n  best: 4\n---\n",
            "bad.md": "---\na: 1\nb: 4\nc: 2\nsummary:\n  best: 2\n---\n",
            "text.md": "---\na: 1\nb: four\nc: 2\nsummary:\n  best: 2\n---\n",  # the schema's matter
        },
    )
    assert [(f.path, f.span.line, f.span.column, f.message, f.hint) for f in found] == [
        ("bad.md", 6, 9, "best is `2`; the max of the 3 ratings is `4`", "set `best: 4`")
    ]


def test_rule_options_set_to_another_value_replace_the_declarations(tmp_path: Path) -> None:
    config = """\
        profile = "reviews"
        [profiles.reviews]
        [[profiles.reviews.aggregates]]
        key = "score"
        of = ["scores.*"]
        decimals = 0
        [rules.overall-score-mismatch]
        tolerance = 1.5
    """
    # The mean is 2.6667: `4` is within the option's tolerance, not within the declaration's.
    files = {"a.md": "---\nscores: {x: 4, y: 2, z: 2}\nscore: 4\n---\n"}
    assert findings(tmp_path, config, files) == []
    assert len(findings(tmp_path, config.replace("tolerance = 1.5", ""), files)) == 1


def test_a_profile_inherits_the_declarations_and_may_drop_them(tmp_path: Path) -> None:
    config = """\
        [profiles.site]
        extends = "commons-v7"
        [profiles.plain]
        extends = "commons-v7"
        aggregates = []
        ratings = []
    """
    (tmp_path / "patternlint.toml").write_text(textwrap.dedent(config), encoding="utf-8")
    known = resolve([tmp_path], tmp_path, Overrides()).profiles
    assert known["site"].aggregates == COMMONS_V7_PROFILE.aggregates and known["site"].ratings
    assert known["plain"].aggregates == () and known["plain"].ratings == ()


# ---------------------------------------------------------------------------------------------
# Ratings


@pytest.mark.parametrize(
    ("stars", "written", "count"),
    [
        ("★☆", "★★☆", 2),
        ("★☆", "★★★", 3),
        ("★☆", "★★", None),  # the empty star is part of this notation
        ("★☆", "☆★★", None),
        ("★", "★★", 2),
        ("★", "★★★★", None),  # more than the scale
        ("*-", "**-", 2),
    ],
)
def test_reading_stars(stars: str, written: str, count: int | None) -> None:
    (rating,) = read_ratings([{"marker": "Rating:", "scale": 3, "stars": stars}])
    assert rating.count(written) == count


def test_labels_name_counts_and_the_first_label_of_a_count_is_suggested() -> None:
    (rating,) = read_ratings([{"marker": "x", "scale": 5, "labels": {"Low": [1, 2], "Medium": 3, "High": [4, 5], "Top": 5}}])
    assert rating.counts("medium ") == (3,) and rating.counts("Unknown") is None
    assert rating.label(5) == "High" and rating.stars(2) == "★★☆☆☆"


def test_a_rating_label_that_disagrees_with_its_stars_is_reported(tmp_path: Path) -> None:
    config = """\
        profile = "site"
        [profiles.site]
        frontmatter = "optional"
        [[profiles.site.ratings]]
        marker = "Evidence:"
        scale = 3
        stars = "★"
        labels = { Weak = 1, Fair = 2, Strong = 3 }
    """
    found = findings(
        tmp_path,
        config,
        {
            "good.md": "# Good\n\nEvidence: ★★ (fair)\n",
            "bad.md": "# Bad\n\nEvidence: ★★ (Strong)\n",
            "quoted.md": "# Quoted\n\n```\nEvidence: ★★ (Strong)\n```\n",
        },
    )
    assert [(f.path, f.span.line, f.span.column, f.message, f.hint) for f in found] == [
        (
            "bad.md",
            3,
            11,
            "rating label is `Strong`; `★★` is `Fair`",
            "replace it with `★★ (Fair)`, or change the stars if `Strong` is right",
        )
    ]


# ---------------------------------------------------------------------------------------------
# Bad declarations: one line naming the file, the key, what is allowed


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("aggregates = 3", "`aggregates` is an integer; expected a list of tables (`[[aggregates]]`)"),
        ('[[profiles.mine.aggregates]]\nkey = "a"\nof = ["b"]\ntolerence = 1', "`aggregates[0]` has an unknown key `tolerence`; did you mean `tolerance`?"),
        ('[[profiles.mine.aggregates]]\nof = ["b"]', "`aggregates[0]` needs `key`"),
        ('[[profiles.mine.aggregates]]\nkey = "a"\nof = []', "`aggregates[0].of` is a list; expected a non-empty list of key paths"),
        ('[[profiles.mine.aggregates]]\nkey = "a"\nof = ["a"]', "`aggregates[0].of` names `a`, the aggregate itself"),
        ('[[profiles.mine.aggregates]]\nkey = "a.*"\nof = ["b"]', "`aggregates[0].key` is `a.*`; `*` is allowed only in `of`"),
        ('[[profiles.mine.aggregates]]\nkey = "a"\nof = ["b.*.c"]', "`aggregates[0].of[0]` is `b.*.c`; `*` is allowed only as the last step"),
        ('[[profiles.mine.aggregates]]\nkey = "a..b"\nof = ["b"]', "`aggregates[0].key` is `a..b`, with an empty step"),
        ('[[profiles.mine.aggregates]]\nkey = "a"\nof = ["b"]\nfunction = "median"', "`aggregates[0].function` is `\"median\"`; expected one of `mean`, `sum`, `min`, `max`"),
        ('[[profiles.mine.aggregates]]\nkey = "a"\nof = ["b"]\ndecimals = 11', "`aggregates[0].decimals` is `11`; expected a whole number from `0` to `10`"),
        ('[[profiles.mine.aggregates]]\nkey = "a"\nof = ["b"]\ntolerance = -1', "`aggregates[0].tolerance` is `-1`; expected a number of at least `0`"),
        ('[[profiles.mine.aggregates]]\nkey = "a"\nof = ["b"]\nrounding = "up"', "`aggregates[0].rounding` is `\"up\"`; expected one of `half-up`, `half-even`"),
        ('[[profiles.mine.ratings]]\nkey = "a"', "`ratings[0]` needs `marker`"),
        ('[[profiles.mine.ratings]]\nmarker = "x"\nscael = 3', "`ratings[0]` has an unknown key `scael`; did you mean `scale`?"),
        ('[[profiles.mine.ratings]]\nmarker = "x"\nscale = 0', "`ratings[0].scale` is `0`; expected a whole number from `1` to `10`"),
        ('[[profiles.mine.ratings]]\nmarker = "x"\nstars = "★★"', "`ratings[0].stars` is `\"★★\"`; expected the filled star, then the empty one"),
        ('[[profiles.mine.ratings]]\nmarker = "x"\nscale = 3\nlabels = { High = [3, 4] }', "`ratings[0].labels.High` is a list; expected a count of stars or a list of them, each from `1` to `3`"),
        ('[[profiles.mine.ratings]]\nmarker = "x"\nlabels = ["Low"]', "`ratings[0].labels` is a list; expected a table of label = count or [counts]"),
        ('[[profiles.mine.ratings]]\nmarker = "x"\nanywhere = "yes"', "`ratings[0].anywhere` is a string; expected true or false"),
    ],
)
def test_bad_declaration(tmp_path: Path, table: str, message: str) -> None:
    text = table if table.startswith("[[") else f"[profiles.mine]\n{table}"
    config = tmp_path / "patternlint.toml"
    config.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        resolve([tmp_path], tmp_path, Overrides())
    assert str(caught.value).startswith(f"{config}: `profiles.mine`: {message}")
    assert "\n" not in str(caught.value)


# ---------------------------------------------------------------------------------------------
# commons-v7's declarations are data (contracts/commons-v7.toml), the same the docs show


def test_commons_v7_declares_its_derived_values_as_the_docs_write_them() -> None:
    page = (ROOT / "docs" / "contracts.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```toml\n(.*?)```", page, re.DOTALL) if "my-commons" in b)
    written = tomllib.loads(block)["profiles"]["my-commons"]
    shipped = tomllib.loads(CONTRACT.read_text(encoding="utf-8"))
    assert {k: v for k, v in written.items() if k != "extends"} == {k: shipped[k] for k in ("aggregates", "ratings")}
    assert COMMONS_V7_PROFILE.aggregates == (
        Aggregate(
            ("ontology", "commons_assessment", "overall_score"),
            tuple(
                ("ontology", "commons_assessment", d)
                for d in (
                    "stakeholder_architecture", "value_creation", "resilience", "ownership",
                    "autonomy", "composability", "fractal_value", "vitality",
                )
            ),
            Function.MEAN,
            1,
            0.05,
            Rounding.HALF_UP,
            "dimension scores",
        ),
    )
    (rating,) = COMMONS_V7_PROFILE.ratings
    assert isinstance(rating, Rating) and rating.key == ("lifecycle", "confidence") and rating.scale == 3
    assert [rating.label(n) for n in (1, 2, 3)] == ["Low", "Medium", "High"]
    assert rating.counts("Established") == (3,)


def test_a_rating_after_the_first_section_is_read_only_when_it_may_be_anywhere(tmp_path: Path) -> None:
    config = """\
        profile = "site"
        [profiles.site]
        frontmatter = "optional"
        sections = ["Problem"]
        section-level = 2
        [[profiles.site.ratings]]
        marker = "Evidence:"
        key = "evidence"
        scale = 3
    """
    files = {"a.md": "---\nevidence: 1\n---\n\n## Problem\n\nEvidence: ★★★\n"}
    assert findings(tmp_path, config, files) == []
    found = findings(tmp_path, config + "        anywhere = true\n", files)
    assert [(f.span.line, f.message, f.hint) for f in found] == [
        (7, "rating is `★★★`; `evidence: 1` is `★☆☆`", "replace it with `★☆☆`, or set `evidence: 3` if `★★★` is right")
    ]
