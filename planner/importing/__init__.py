"""Bringing records in from todo.txt, Taskwarrior and jrnl (DESIGN sections 2 and 7).

``todotxt``, ``taskwarrior`` and ``jrnl`` parse a file's text into records and per-line
issues, without touching the store; ``apply`` matches them by ``external_ref`` against what
the store holds and writes the difference in one transaction. Nothing here imports Textual
or TinyDB.
"""
