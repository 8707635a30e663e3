"""Fixtures of the UI tests (helpers live in ``ui_support``, on the test path)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_support import AppFactory, Clock, build_store, sample_tasks

from planner.domain.config import Config
from planner.i18n import translate as i18n
from planner.services.planner import Planner
from planner.shell.app import PlannerApp


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_app(tmp_path: Path, clock: Clock) -> AppFactory:
    def make(
        language: str = "en",
        *,
        sample: bool = True,
        privacy: bool = False,
        poll: float = 0.2,
        remind: bool = False,
    ) -> PlannerApp:
        i18n.set_language(language)
        tasks, main = sample_tasks(language) if sample else ([], None)
        store = build_store(tmp_path, clock, tasks, main)
        # The app's reminders only where a test asks for them: the sample's instruction
        # is due soon, and its notice would join every list of notices a test compares.
        config = Config(
            language=language,
            data_dir=tmp_path / "data",
            privacy_at_start=privacy,
            remind_in_app=remind,
        )
        return PlannerApp(Planner(store, config, clock), poll_seconds=poll)

    return make
