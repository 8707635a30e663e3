"""Every user-visible string: key -> (English, Simplified Chinese), one module per area.

A key lives in the area its prefix names (``journal.*`` in ``journal``, ``export.*`` and
``report.*`` in ``export``, ``error.*`` and ``reason.*`` in ``errors``...); the words several
areas share, every ``key.*`` binding and every ``screen.*`` name live in ``common``. Read
through ``planner.i18n.translate``, which merges the areas into one catalog and refuses a
key defined by two of them.
"""
