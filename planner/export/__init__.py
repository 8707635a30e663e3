"""Markdown export of the journal, setbacks, tasks and the weekly/daily report (DESIGN 6).

The kinds are listed in ``kinds`` (the command line imports only that); the work lives in
the other modules, imported only when an export runs.
"""
