"""Weekday names in English and Chinese, mapped to Python's weekday numbers (Monday = 0)."""

from __future__ import annotations

import unicodedata

_ENGLISH = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ENGLISH_SHORT = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_ENGLISH_EXTRA = {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_CHINESE_DIGITS = ["一", "二", "三", "四", "五", "六", "日"]
_CHINESE_PREFIXES = ["周", "星期", "礼拜"]

WEEKDAYS: dict[str, int] = {}
for _number, (_long, _short) in enumerate(zip(_ENGLISH, _ENGLISH_SHORT, strict=True)):
    WEEKDAYS[_long] = _number
    WEEKDAYS[_short] = _number
WEEKDAYS.update(_ENGLISH_EXTRA)
for _prefix in _CHINESE_PREFIXES:
    for _number, _digit in enumerate(_CHINESE_DIGITS):
        WEEKDAYS[_prefix + _digit] = _number
    WEEKDAYS[_prefix + "天"] = 6

RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def fold(text: str) -> str:
    """Case- and width-insensitive form: full-width letters become ASCII, then casefold."""
    return unicodedata.normalize("NFKC", text).casefold()


def weekday_number(name: str) -> int | None:
    return WEEKDAYS.get(fold(name))


def weekday_words(number: int) -> tuple[str, str]:
    """The short names of weekday ``number`` that ``weekday_number`` reads: (``mon``, ``周一``)."""
    return _ENGLISH_SHORT[number], _CHINESE_PREFIXES[0] + _CHINESE_DIGITS[number]
