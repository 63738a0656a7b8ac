"""Make text from files safe to print: control characters shown visibly, never sent raw."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, BEL, CR, …), DEL, the Unicode line and paragraph separators, the
# bidirectional overrides that can make a terminal line read differently from its bytes, and
# lone surrogates (what Python makes of file names that are not valid UTF-8).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\n\t\ud800-\udfff]")
# No UTF-8 stream, JSON parser or XML document accepts lone surrogates.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by the `surrogateescape` handler
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    return _UNSAFE.sub(_visible, text)


def clean(text: str) -> str:
    """`text` with lone surrogates written as escapes, so that it can be encoded as UTF-8: an
    undecodable byte of a file name as `\\xe9`, as the text formats show it. (Not U+FFFD: two
    names that differ only in such bytes would read the same.)"""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(_visible, text)
