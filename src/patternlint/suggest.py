""""Did you mean …?" over thousands of names, fast: a trigram index narrows, difflib decides."""

from __future__ import annotations

import difflib
import hashlib
from collections import Counter
from typing import Iterable, MutableMapping

CUTOFF = 0.8
# A suggestion that swaps one word of a slug for another must swap it for a similar word:
# `adverse-growth` → `adversarial-growth`, but not `self-awareness` → `delay-awareness`.
_WORD_CUTOFF = 0.65


def _trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Suggester:
    """Finds the one existing name close to a word. `memo` may be replaced by one carried
    between runs: its answers hold as long as `names_digest` is unchanged."""

    def __init__(self, names: Iterable[str]) -> None:
        self._name_set = set(names)
        self._names = sorted(self._name_set)
        # Names from file names that are not UTF-8 hold lone surrogates (`surrogateescape`).
        self.names_digest = hashlib.blake2b(
            "\n".join(self._names).encode("utf-8", "surrogatepass"), digest_size=12
        ).hexdigest()
        self.memo: MutableMapping[str, str | None] = {}
        self._postings: dict[str, list[str]] | None = None
        self._containing: dict[str, list[str]] | None = None

    def closest(self, word: str) -> str | None:
        if word not in self.memo:
            self.memo[word] = self._closest(word)
        return self.memo[word]

    def _closest(self, word: str) -> str | None:
        return self._by_words(word) or self._by_spelling(word)

    def _by_words(self, word: str) -> str | None:
        """A name that is the word with words added or dropped at either end:
        `self-compassion` → `self-compassion-practice`, `stress-management` →
        `chronic-stress-management`, `addiction-as-coping-mechanism-not-moral-failure` →
        `addiction-as-coping-mechanism`. The closest in length wins."""
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
            return None  # one word (`vulnerability`) is in too many names to point at one
        candidates = list(self._containing.get(word, ()))
        for i in range(len(parts)):
            for j in range(i + 2, len(parts) + 1):
                run = "-".join(parts[i:j])
                if run != word and run in self._name_set:
                    candidates.append(run)
        if not candidates:
            return None
        return min(candidates, key=lambda n: (abs(len(n) - len(word)), n))

    def _by_spelling(self, word: str) -> str | None:
        if self._postings is None:
            self._postings = {}
            for name in self._names:
                for gram in _trigrams(name):
                    self._postings.setdefault(gram, []).append(name)
        grams = _trigrams(word)
        counts: Counter[str] = Counter()
        for gram in grams:
            counts.update(self._postings.get(gram, ()))
        # Names as similar as CUTOFF share a good part of the word's trigrams and have a
        # comparable length; only those few reach difflib.
        need = len(grams) * 0.5
        low, high = len(word) * 2 / 3, len(word) * 1.5
        shortlist = sorted(
            name for name, shared in counts.items() if shared >= need and low <= len(name) <= high
        )
        best: tuple[float, str] | None = None
        matcher = difflib.SequenceMatcher(b=word)
        for name in shortlist:
            matcher.set_seq1(name)
            if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
                continue
            score = matcher.ratio()
            if score < CUTOFF or not _words_alike(name, word):
                continue
            # Ties broken by name, so the same library always gives the same hint.
            if best is None or score > best[0]:
                best = (score, name)
        return best[1] if best else None


def _words_alike(a: str, b: str) -> bool:
    # Names with words added or dropped are `_by_words`' business; spelling compares like
    # with like, word by word.
    words_a, words_b = a.split("-"), b.split("-")
    if len(words_a) != len(words_b):
        return False
    return all(
        x == y or difflib.SequenceMatcher(None, x, y).ratio() >= _WORD_CUTOFF
        for x, y in zip(words_a, words_b)
    )


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """A hint for a small candidate list (keys, rule names), or None when nothing is close."""
    match = close_match(word, candidates, cutoff)
    return f"did you mean `{match}`?" if match is not None else None


def close_match(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate closest to `word` in a small list, or None when nothing is close."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return match[0] if match else None
