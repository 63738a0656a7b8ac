""""Did you mean": right or absent. Names and cases from the reference library's files."""

from __future__ import annotations

import difflib
from collections import Counter
import random
import time

from patternlint.contract import built_in
from patternlint.index import LibraryIndex
from patternlint.rules import unresolved_relationship
from hypothesis import given, settings
from hypothesis import strategies as st

from patternlint.suggest import _WORD_CUTOFF, CUTOFF, Suggester, Suggestion, _Spelling, _trigrams, _word_alike, _words_alike
from patternlint.facts import Link
from patternlint.model import Span
from tests.test_library_scale import _record


def _link(relation: str, target: str) -> Link:
    return Link(relation, target, "slug", Span(10, 13, 10, 13 + len(target)), f"relationships.{relation}[0].slug")


def test_a_link_to_a_broader_pattern_is_not_answered_with_the_file_itself_or_a_sibling() -> None:
    # coffee-ritual-design.md:65 `generalizes_from: ritual-design` was answered "did you mean
    # `coffee-ritual-design`?"
    names = ["coffee-ritual-design", "closing-ritual-design", "community-ritual-design", "personal-ritual-design"]
    suggester = Suggester(names)
    assert suggester.suggest("ritual-design", {"coffee-ritual-design"}, "coffee-ritual-design") == Suggestion()


def test_equally_close_names_are_listed_and_none_is_picked() -> None:
    suggestion = Suggester(["psychological-safety-edmondson", "psychological-safety-net"]).suggest(
        "psychological-safety", (), "feedback-giving-art"
    )
    assert suggestion.best is None
    assert suggestion.hint() == "did you mean `psychological-safety-edmondson` or `psychological-safety-net`?"


def test_more_ties_than_listed_are_counted() -> None:
    names = ["flow-state-design", "flow-state-engineering", "flow-state-triggers", "flow-state-work"]
    hint = Suggester(names).suggest("flow-state").hint()
    assert hint == "did you mean `flow-state-design`, `flow-state-engineering` or `flow-state-triggers`? (4 names are equally close)"


def test_a_narrower_topic_is_suggested_only_when_the_linking_pattern_shares_its_words() -> None:
    # preventing-helper-burnout `requires: early-warning-signs`; sabbath-practice
    # `requires: boundary-setting`
    assert Suggester(["psychosis-early-warning-signs"]).suggest("early-warning-signs", (), "preventing-helper-burnout").best is None
    boundary = Suggester(["commons-boundary-setting", "temporal-boundary-setting", "boundary-setting-as-system-design"])
    assert boundary.suggest("boundary-setting", (), "sabbath-practice") == Suggestion()
    assert boundary.suggest("boundary-setting", (), "commons-stewardship").best == "commons-boundary-setting"


def test_the_linking_patterns_words_break_a_tie() -> None:
    # habit-architecture `requires: environment-design`
    suggester = Suggester(["environment-design-for-habits", "sleep-environment-design"])
    assert suggester.suggest("environment-design", (), "habit-architecture").best == "environment-design-for-habits"
    assert suggester.suggest("environment-design", (), "sleep-hygiene").best == "sleep-environment-design"


def test_a_plain_qualifier_after_the_name_is_a_suggestion() -> None:
    suggester = Suggester(["self-compassion-practice", "self-compassion-as-performance"])
    assert suggester.suggest("self-compassion", (), "accountability-without-shame").best == "self-compassion-practice"


def test_a_different_word_that_shares_letters_is_not_a_misspelling() -> None:
    assert not _words_alike("embodied-cognition", "embodied-communication")
    assert not _words_alike("intentional-practice", "interoception-practice")
    assert not _words_alike("community-learning", "community-weaving")
    assert _words_alike("acceleration-skill-acquisition", "accelerated-skill-acquisition")
    assert _words_alike("comunity-of-practice", "community-of-practice")
    assert _words_alike("abundant-vs-scarcity-mindset", "abundance-vs-scarcity-mindset")


def test_the_unsafe_fix_is_offered_only_for_a_single_clear_best() -> None:
    records = [
        _record("feedback-giving-art", (_link("requires", "psychological-safety"),)),
        _record("vulnerability-hangover", (_link("requires", "self-compassion"),)),
        _record("psychological-safety-edmondson"),
        _record("psychological-safety-net"),
        _record("self-compassion-practice"),
    ]
    found = {f.path: f.violation for f in unresolved_relationship.check(LibraryIndex(records, links=built_in()["commons-v7"].links), None)}
    assert found["feedback-giving-art.md"].fix is None
    assert found["feedback-giving-art.md"].hint == "did you mean `psychological-safety-edmondson` or `psychological-safety-net`?"
    assert found["vulnerability-hangover.md"].hint == "did you mean `self-compassion-practice`?"
    assert found["vulnerability-hangover.md"].fix is not None


def test_a_pattern_the_same_list_already_names_is_not_suggested() -> None:
    records = [
        _record("vulnerability-hangover", (_link("requires", "self-compassion-practice"), _link("requires", "self-compassion"))),
        _record("self-compassion-practice"),
    ]
    [finding] = unresolved_relationship.check(LibraryIndex(records, links=built_in()["commons-v7"].links), None)
    assert finding.violation.hint == "check the slug, or remove the item if the pattern was deleted"


def _brute_force(names: list[str], word: str) -> list[str]:
    """Every name the spelling tier accepts, by scanning them all (with the trigram share that
    narrows them before difflib)."""
    kept = []
    grams = _trigrams(word)
    for name in names:
        if len(_trigrams(name) & grams) < len(grams) * 0.5:
            continue
        ratio = difflib.SequenceMatcher(None, name, word).ratio()
        if ratio >= CUTOFF and _words_alike(name, word) and len(word) * 2 / 3 <= len(name) <= len(word) * 1.5:
            kept.append((-ratio, name))
    return [n for _, n in sorted(kept)]


def _names(count: int, rng: random.Random) -> list[str]:
    words = ["care", "commons", "design", "practice", "trust", "repair", "growth", "ritual", "mapping", "circle"]
    return sorted({"-".join(rng.choice(words) + rng.choice(["", "s", "ing", "al"]) for _ in range(rng.randint(2, 4))) for _ in range(count)})


def _misspelt(name: str, rng: random.Random) -> str:
    i = rng.randrange(len(name))
    return name[:i] + rng.choice("aeioust") + name[i + 1 :]


def test_the_spelling_index_finds_what_a_scan_of_every_name_finds() -> None:
    rng = random.Random(19)
    names = _names(1500, rng)
    suggester = Suggester(names)
    for word in {_misspelt(rng.choice(names), rng) for _ in range(60)} - set(names):
        assert suggester._by_spelling(word) == _brute_force(names, word)[:16], word


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = [c + v for c in "bcdfgklmnprstvz" for v in "aeiou"]
    return sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)})


def test_near_misses_cost_time_that_does_not_grow_with_the_library() -> None:
    rng = random.Random(1)
    vocabulary = _vocabulary(rng, 600)
    times = []
    for count in (4000, 16000):
        names = sorted({"-".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 4))) for _ in range(count)})
        words = sorted({_misspelt(rng.choice(names), rng) for _ in range(1000)})
        best = None
        for _ in range(3):  # CPU time, best of three: the machine may be busy
            suggester = Suggester(names)
            suggester.suggest(words[0])  # the indexes are built once per library
            started = time.process_time()
            for word in words:
                suggester.suggest(word)
            elapsed = time.process_time() - started
            best = elapsed if best is None else min(best, elapsed)
        times.append(best)
    # 4x the names: scanning every trigram's list (the search before this one) took about 4x
    # as long; looking up the names that share the word's words takes about as long
    assert times[1] < times[0] * 2.0


def _plain_word_alike(x: str, y: str) -> bool:
    """The definition `_word_alike`'s shortcuts must agree with: difflib's ratio at CUTOFF, or
    at the word cutoff when the words share their first five letters."""
    ratio = difflib.SequenceMatcher(None, x, y).ratio()
    prefix = next((i for i, (a, b) in enumerate(zip(x, y)) if a != b), min(len(x), len(y)))
    return ratio >= CUTOFF or (ratio >= _WORD_CUTOFF and prefix >= 5)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aceimnorstuyé-", max_size=14), st.text(alphabet="aceimnorstuyé-", max_size=14))
def test_the_word_spelling_shortcuts_agree_with_difflib(x: str, y: str) -> None:
    # The bounds (lengths, letters in common, quick_ratio) only skip pairs difflib would reject.
    assert _word_alike(x, y) == _plain_word_alike(x, y)
    spelling = _Spelling(y)
    assert (x in spelling.likely([x]) and spelling.alike(x, {})) == _plain_word_alike(x, y)


def test_the_word_spelling_shortcuts_agree_with_difflib_on_the_library_words() -> None:
    rng = random.Random(7)
    words = sorted({w for name in _names(400, rng) for w in name.split("-")} | {"comunity", "community", "cognition", "communication", "abundant", "abundance", "accelerated", "acceleration"})
    memo: dict[str, Counter[str]] = {}
    for y in words:
        spelling = _Spelling(y)  # one per word, as the index uses it
        likely = set(spelling.likely(words))
        for x in words:
            assert (x in likely and spelling.alike(x, memo)) == _plain_word_alike(x, y), (x, y)


def test_spelling_answers_do_not_depend_on_the_words_asked_before() -> None:
    # One suggester decides each word of an unknown name once and keeps it for every place the
    # word is asked at; its answers must be those of a suggester that never saw another word.
    rng = random.Random(23)
    names = _names(800, rng)
    words = [_misspelt(rng.choice(names), rng) for _ in range(80)]
    # the same words at other places: each misspelt name, turned around
    words += ["-".join(reversed(w.split("-"))) for w in words]
    shared = Suggester(names)
    for word in words:
        assert shared._by_spelling(word) == Suggester(names)._by_spelling(word) == _brute_force(names, word)[:16], word
