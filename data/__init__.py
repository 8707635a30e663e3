"""Persistence: TinyDB files in the data folder (DESIGN section 8). ``FileStore`` is the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from data.store import FileStore

__all__ = ["FileStore"]


def __getattr__(name: str) -> Any:
    """``data.FileStore`` without importing TinyDB for every ``data`` submodule."""
    if name == "FileStore":
        from data.store import FileStore

        return FileStore
    raise AttributeError(f"module 'data' has no attribute {name!r}")
