"""`patternlint server`: a language server over the whole library.

`library` keeps `check`'s pipeline alive between edits (outcomes per file, open buffers as
in-memory targets); `positions` converts coordinates; `app` is the protocol (pygls); `features`
answers requests. Needs the `server` extra (pygls).
"""
