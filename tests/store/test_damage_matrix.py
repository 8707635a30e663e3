"""The store meets every damage of the matrix (``damage_matrix``): it refuses the file with
a ``DataError`` naming it and saying what is wrong, writes nothing, and ``doctor`` reports it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from damage_matrix import (
    MARKER,
    MATRIX,
    MATRIX_IDS,
    MONDAY,
    SEALED,
    SEALED_IDS,
    contents,
    damaged_sample,
    expected_problem,
    folder_keys,
    unlock_files,
)

from data import doctor
from data.store import FileStore
from planner.domain.errors import DataError

READS: dict[str, Callable[[FileStore], object]] = {
    "archive": lambda store: list(store.archived_tasks()),
    "days": lambda store: store.get_day(MONDAY.date()),
    "journal": lambda store: store.journal_entries(),
    "setbacks": lambda store: store.setbacks(),
}
"""What reads each yearly file (meta and open work are read when the store opens)."""


def store_cases() -> list[object]:
    """The matrix on both folders."""
    return [
        pytest.param(
            file,
            damage,
            sealed,
            id=f"{file}-{damage}-{mode}",
        )
        for file, damage in MATRIX
        for sealed, mode in zip(SEALED, SEALED_IDS, strict=True)
    ]


@pytest.mark.parametrize(("file", "damage", "sealed"), store_cases())
def test_the_store_refuses_the_damaged_file_by_name_and_writes_nothing(
    tmp_path: Path, file: str, damage: str, sealed: bool
) -> None:
    root = tmp_path / "data"
    path = damaged_sample(root, file, damage, sealed=sealed)
    keys = folder_keys(root, sealed=sealed)
    before = contents(root)

    with pytest.raises(DataError) as caught:
        store = FileStore(root, clock=lambda: MONDAY, keys=keys)
        READS[file](store)

    error = caught.value
    assert error.path == str(path)
    assert expected_problem(damage, sealed=sealed and file != "meta") in error.problem
    assert error.advice
    assert MARKER.decode() not in str(error)
    assert contents(root) == before


@pytest.mark.parametrize("sealed", SEALED, ids=SEALED_IDS)
@pytest.mark.parametrize(("file", "damage"), MATRIX, ids=MATRIX_IDS)
def test_doctor_reports_the_damaged_file_and_every_other_as_sound(
    tmp_path: Path, file: str, damage: str, sealed: bool
) -> None:
    root = tmp_path / "data"
    path = damaged_sample(root, file, damage, sealed=sealed)
    unlock_files(root, sealed=sealed)
    before = contents(root)

    reports = doctor.check(root)

    bad = [report for report in reports if not report.ok]
    assert [report.path for report in bad] == [path]
    problem = expected_problem(damage, sealed=sealed and file != "meta")
    assert bad[0].problem is not None and problem in bad[0].problem
    assert bad[0].newer == (damage == "newer")
    assert len(reports) == 7  # the six of the matrix and the archive of 2026
    assert contents(root) == before


def test_a_data_folder_that_is_itself_a_link_is_read_and_written(tmp_path: Path) -> None:
    real = tmp_path / "real"
    damaged_sample(real, "journal", "truncated")  # the sample, then one file damaged
    (real / "journal" / "2026.json").unlink()
    link = tmp_path / "link"
    link.symlink_to(real)

    store = FileStore(link, clock=lambda: MONDAY)

    assert store.open_tasks() and store.setbacks()
    assert all(report.ok for report in doctor.check(link))


def test_a_file_replaced_by_a_link_while_open_is_refused_on_refresh(tmp_path: Path) -> None:
    root = tmp_path / "data"
    damaged_sample(root, "setbacks", "newer")
    (root / "setbacks" / "2026.json").unlink()
    store = FileStore(root, clock=lambda: MONDAY)
    path = root / "tasks" / "open.json"
    elsewhere = tmp_path / "open.json"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(elsewhere)

    with pytest.raises(DataError) as caught:
        store.refresh()

    assert "symbolic link" in caught.value.problem
    assert path.is_symlink()
