"""The screen's last guard against control characters: none is ever sent to the terminal.

Record texts are written out visibly where the screens show them
(``planner.domain.visible``); this line filter, applied by the app to every line every
widget draws (editors, inputs and Textual's own widgets included), drops any control
character still left, so that an ``ESC`` in a field being edited, say, can never reach
the terminal. It keeps each line's width: the characters it drops have none.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from planner.domain.visible import has_control, without_controls


class ControlsOff(LineFilter):
    """Takes every control character out of the segments of a screen line."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not has_control("".join([segment.text for segment in segments])):
            return segments  # nearly every line: one search, nothing rebuilt
        safe: list[Segment] = []
        for segment in segments:
            text = segment.text if segment.control else without_controls(segment.text)
            if text is not segment.text:
                segment = Segment(text, segment.style, segment.control)
            safe.append(segment)
        return safe
