""""Did you mean …?" over thousands of names, fast and right or silent.

Candidates come from two tiers: names that are the word with whole words added or dropped at
either end (`self-compassion` → `self-compassion-practice`), else names spelled alike (an index of
names by their words narrows, difflib decides). They are ranked by meaning, not length: the fewest words added
or dropped (or the closest spelling), then the most of the added words shared with the linking
pattern's own slug. A single best is a suggestion an unsafe fix may write; a tie lists up to
three names and offers no fix.
"""

from __future__ import annotations

import difflib
import hashlib
from collections import Counter
from typing import Collection, Iterable, MutableMapping

from patternlint.frozen import frozen

CUTOFF = 0.8
# A suggestion that swaps one word of a slug for another must swap it for a similar word:
# `adverse-growth` → `adversarial-growth`, but not `self-awareness` → `delay-awareness`.
_WORD_CUTOFF = 0.65
# Candidates kept per unknown word (before the linking file's own exclusions and context).
KEPT = 16
LISTED = 3
# Up to this many names left, the words they have at the next place are collected one by one.
_FEW = 64
_NONE: frozenset[str] = frozenset()
# Words that say nothing about a pattern's topic when they match the linking pattern's slug.
_STOP = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"})


def _trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@frozen
class Suggestion:
    """The names a hint offers, best first: one name is a single clear best (a fix may write
    it); several are tied (listed, never written); none: nothing is close."""

    names: tuple[str, ...] = ()
    tied: int = 0  # how many names tie when there is no single best (more than are listed)

    @property
    def best(self) -> str | None:
        return self.names[0] if len(self.names) == 1 and not self.tied else None

    def hint(self) -> str | None:
        if not self.names:
            return None
        quoted = [f"`{n}`" for n in self.names]
        if len(quoted) == 1:
            return f"did you mean {quoted[0]}?"
        text = f"did you mean {', '.join(quoted[:-1])} or {quoted[-1]}?"
        if self.tied > len(self.names):
            text += f" ({self.tied} names are equally close)"
        return text


class Suggester:
    """Finds the existing names close to a word. `memo` may be replaced by one carried between
    runs: its answers (the context-free candidates) hold as long as `names_digest` is unchanged."""

    def __init__(self, names: Iterable[str]) -> None:
        self._name_set = set(names)
        self._names = sorted(self._name_set)
        # Names from file names that are not UTF-8 hold lone surrogates (`surrogateescape`).
        self.names_digest = hashlib.blake2b(
            "\n".join(self._names).encode("utf-8", "surrogatepass"), digest_size=12
        ).hexdigest()
        self.memo: MutableMapping[str, list[str]] = {}
        self._by_place: dict[tuple[int, int, str], set[str]] | None = None
        self._at: dict[tuple[int, int], set[str]] = {}  # (number of words, position) → words there
        self._vocabulary: dict[str, list[str]] | None = None  # trigram → words of names
        # token → what it shares a trigram with, and the words of those decided so far (alike
        # or not): each place asks only about its own words, and no word is decided twice
        self._near: dict[str, tuple[frozenset[str], _Spelling, dict[str, bool]]] = {}
        self._containing: dict[str, list[str]] | None = None
        self._letter_counts: dict[str, Counter[str]] = {}  # word → its letters, counted

    def candidates(self, word: str) -> list[str]:
        """The names close to `word`, whatever links to it (memoized per distinct word)."""
        found = self.memo.get(word)
        if found is None:
            found = self._by_words(word) or self._by_spelling(word)
            self.memo[word] = found
        return found

    def suggest(self, word: str, exclude: Collection[str] = (), context: str = "") -> Suggestion:
        """What to suggest for `word` written in the pattern whose slug is `context`: never a
        name in `exclude` (the pattern itself, the names its list already links to)."""
        words = word.split("-")
        own = set(context.split("-")) - _STOP if context else set()
        # A link that names a broader pattern than the file itself (`ritual-design` in
        # `coffee-ritual-design`) does not mean a sibling that adds other words.
        broader = bool(own) and set(words) < set(context.split("-"))
        ranked: list[tuple[tuple[int, float, int], str]] = []
        spelling_seen: float | None = None
        for name in self.candidates(word):
            if name in exclude:
                continue
            parts = name.split("-")
            if _is_run(words, parts):
                if len(parts) > len(words) and (broader or not _suits(words, parts, own)):
                    continue
                distance: tuple[int, float] = (0, abs(len(parts) - len(words)))
            else:
                # Spelled alike: the candidates come best first, so once one is less alike
                # than the first, none after it can tie with the first.
                score = round(1 - difflib.SequenceMatcher(None, name, word).ratio(), 9)
                if spelling_seen is not None and score > spelling_seen:
                    break
                spelling_seen = score
                distance = (1, score)
            shared = sum(1 for w in set(parts) - set(words) if any(_same_word(w, mine) for mine in own))
            ranked.append(((*distance, -shared), name))
        if not ranked:
            return Suggestion()
        best = min(key for key, _ in ranked)
        tied = sorted(name for key, name in ranked if key == best)
        if len(tied) == 1:
            return Suggestion((tied[0],))
        return Suggestion(tuple(tied[:LISTED]), len(tied))

    def _by_words(self, word: str) -> list[str]:
        """Names that are the word with words added or dropped at either end:
        `self-compassion` → `self-compassion-practice`, `stress-management` →
        `chronic-stress-management`, `addiction-as-coping-mechanism-not-moral-failure` →
        `addiction-as-coping-mechanism`."""
        if self._containing is None:
            self._containing = {}
            for name in self._names:
                parts = name.split("-")
                for i in range(len(parts)):
                    for j in range(i + 1, len(parts) + 1):
                        if j - i < len(parts):
                            self._containing.setdefault("-".join(parts[i:j]), []).append(name)
        parts = word.split("-")
        if len(parts) < 2:
            return []  # one word (`vulnerability`) is in too many names to point at one
        candidates = list(self._containing.get(word, ()))
        for i in range(len(parts)):
            for j in range(i + 2, len(parts) + 1):
                run = "-".join(parts[i:j])
                if run != word and run in self._name_set:
                    candidates.append(run)
        candidates.sort(key=lambda n: (abs(n.count("-") - word.count("-")), n))
        return candidates[:KEPT]

    def _by_spelling(self, word: str) -> list[str]:
        """Names with as many words as `word`, each the same word or one spelled alike
        (`_words_alike`), then as similar as CUTOFF as a whole."""
        tokens = word.split("-")
        by_place = self._places()
        count = len(tokens)
        # The names whose words so far are alike, narrowed place by place (set intersection:
        # the cost follows the few names that share the word's words, not the library's size).
        shortlist: set[str] | None = None
        for place, token in enumerate(tokens):
            # Only the words the names left have here need deciding (the words of every name of
            # `count` words while many are left: collecting theirs would cost more).
            if shortlist is None or len(shortlist) > _FEW:
                there = self._at.get((count, place), _NONE)
            else:
                there = {name.split("-")[place] for name in shortlist}
            found = [by_place[(count, place, w)] for w in self._alike_at(token, there)]
            if not found:
                return []
            group = found[0] if len(found) == 1 else set().union(*found)
            shortlist = group if shortlist is None else shortlist & group
            if not shortlist:
                return []  # the places after it are not asked
        assert shortlist is not None  # a word has at least one place
        grams = _trigrams(word)
        need = len(grams) * 0.5
        low, high = len(word) * 2 / 3, len(word) * 1.5
        scored: list[tuple[float, str]] = []
        matcher = difflib.SequenceMatcher(b=word)
        for name in sorted(shortlist):
            # The trigram share and length window narrowed names before difflib when this
            # was a trigram search; they still decide, so the answers stay the same.
            if not low <= len(name) <= high or len(_trigrams(name) & grams) < need:
                continue
            matcher.set_seq1(name)
            if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
                continue
            score = matcher.ratio()
            if score >= CUTOFF:
                scored.append((-score, name))
        scored.sort()
        return [name for _, name in scored[:KEPT]]

    def _places(self) -> dict[tuple[int, int, str], set[str]]:
        """(number of words, position, word) → the names with that word there."""
        if self._by_place is None:
            self._by_place = {}
            for name in self._names:
                parts = name.split("-")
                for place, part in enumerate(parts):
                    self._by_place.setdefault((len(parts), place, part), set()).add(name)
            for count, place, part in self._by_place:
                self._at.setdefault((count, place), set()).add(part)
        return self._by_place

    def _alike_at(self, token: str, there: Collection[str]) -> list[str]:
        """The words of `there` that are `token` or spelled like it: of the words that share a
        trigram with it, those `_Spelling` accepts."""
        near = self._near.get(token)
        if near is None:
            if self._vocabulary is None:
                # Written out (the library's every word, each trigram): a word that has a
                # trigram twice is listed twice, which the union below does not mind.
                vocabulary: dict[str, list[str]] = {}
                get = vocabulary.get
                for part in {p for name in self._names for p in name.split("-")}:
                    padded = f"^{part}$"
                    for i in range(len(padded) - 2):
                        listed = get(gram := padded[i : i + 3])
                        if listed is None:
                            vocabulary[gram] = [part]
                        else:
                            listed.append(part)
                self._vocabulary = vocabulary
            # A word spelled alike shares a trigram with it (`comunity`, `community`: `^co`).
            shared: set[str] = set()
            for gram in _trigrams(token):
                shared.update(self._vocabulary.get(gram, ()))
            near = self._near[token] = (frozenset(shared), _Spelling(token), {})
        words, spelling, decided = near
        pool = words.intersection(there)
        todo = [w for w in pool if w not in decided]
        if todo:
            likely = set(spelling.likely(todo))
            counts = self._letter_counts
            for w in todo:
                decided[w] = w in likely and (w == token or spelling.alike(w, counts))
        return [w for w in pool if decided[w]]


def _suits(words: list[str], parts: list[str], own: set[str]) -> bool:
    """A name that adds one plain word after the word qualifies it (`self-compassion-practice`,
    `growth-mindset-dweck`). One that adds words before it, or a phrase after it, is a narrower
    topic (`psychosis-early-warning-signs`, `boundary-setting-as-system-design`), meant only
    when the linking pattern shares one of the added words."""
    start = next(i for i in range(len(parts) - len(words) + 1) if parts[i : i + len(words)] == words)
    added = parts[:start] + parts[start + len(words) :]
    if start == 0 and len(added) == 1 and added[0] not in _STOP:
        return True
    return any(_same_word(word, mine) for word in added if word not in _STOP for mine in own)


def _same_word(a: str, b: str) -> bool:
    return a == b or a == b + "s" or b == a + "s"


def _is_run(words: list[str], parts: list[str]) -> bool:
    """One is the other with whole words added or dropped at either end."""
    short, long = (words, parts) if len(words) <= len(parts) else (parts, words)
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _words_alike(a: str, b: str) -> bool:
    # Names with words added or dropped are `_by_words`' business; spelling compares like
    # with like, word by word.
    words_a, words_b = a.split("-"), b.split("-")
    if len(words_a) != len(words_b):
        return False
    return all(x == y or _word_alike(x, y) for x, y in zip(words_a, words_b))


_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


class _Spelling:
    """Whether words are spelled like `word`: a misspelling or another form of it (`comunity`,
    `abundant` for `abundance`), not a different word that shares letters (`cognition`,
    `communication`). Alike means difflib's ratio reaches CUTOFF, or _WORD_CUTOFF for words
    that share their first five letters.

    Most words compared are far from alike, so difflib's ratio is computed last. Each bound
    before it is one the ratio cannot exceed (lengths, the letters in common as a set, then as
    a multiset: difflib's `quick_ratio`), computed as difflib computes the ratio (2.0 *
    matches / length), so a bound below the cutoff means the ratio is below it too."""

    def __init__(self, word: str) -> None:
        self.word = word
        self._size = len(word)
        self._head = word[:5] if len(word) >= 5 else None
        # drops the letters and digits `word` lacks; other characters are kept, which only
        # raises the bound
        self._others = {ord(c): None for c in _LETTERS if c not in word}
        self._counts = Counter(word)
        self._matcher = difflib.SequenceMatcher(None, "", word)  # indexes `word` once

    def likely(self, words: Iterable[str]) -> list[str]:
        """The words the cheapest bounds leave (lengths and letters in common, at C speed): the
        only ones `alike` is asked about."""
        size, others, head = self._size, self._others, self._head
        return [
            w
            for w in words
            if w == self.word
            or 2.0 * min(len(w.translate(others)), len(w), size) / ((len(w) + size) or 1)
            >= (_WORD_CUTOFF if w[:5] == head else CUTOFF)
        ]

    def alike(self, other: str, memo: dict[str, Counter[str]] | None = None) -> bool:
        """Whether `other`, a word `likely` left, is spelled like the word (`memo`: letter
        counts kept between calls)."""
        total = len(other) + self._size
        if not total:
            return True  # two empty words (`a--b`): difflib's ratio is 1.0
        need = _WORD_CUTOFF if other[:5] == self._head else CUTOFF
        counts = memo.get(other) if memo is not None else None
        if counts is None:
            counts = Counter(other)
            if memo is not None:
                memo[other] = counts
        mine = self._counts
        matches = sum(min(n, counts[c]) for c, n in mine.items() if c in counts)
        if 2.0 * matches / total < need:
            return False
        self._matcher.set_seq1(other)
        return self._matcher.ratio() >= need


def _word_alike(x: str, y: str) -> bool:
    """Whether `x` is spelled like `y` (see `_Spelling`)."""
    spelling = _Spelling(y)
    return bool(spelling.likely((x,))) and spelling.alike(x)


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """A hint for a small candidate list (keys, rule names), or None when nothing is close."""
    match = close_match(word, candidates, cutoff)
    return f"did you mean `{match}`?" if match is not None else None


def close_match(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to `word` in a small list, or None when nothing is close."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return match[0] if match else None
