"""Make text from files safe to print: control characters shown visibly, never sent raw."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, BEL, CR, …), DEL, and the bidirectional overrides that can make a
# terminal line read differently from its bytes.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\n\t]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    return _UNSAFE.sub(_visible, text)
