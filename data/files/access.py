"""Whether the data folder can be written: a read-only one is still read (DESIGN section 8).

Reading needs no lock (every file is replaced whole, atomically), so a folder planner may
not change, whether its permissions say so (``chmod a-w``) or its file system is mounted
read-only, still answers every question; only a write is refused, with a clear error.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path


def cannot_write(folder: Path) -> OSError | None:
    """Why an existing ``folder`` cannot be written (its error), or None when it can (or
    does not exist yet: it is then made, and any failure reported as a write's).

    Asks the kernel with the effective ids, as a write would be checked: a superuser is
    refused only by a read-only file system.
    """
    effective = os.access in os.supports_effective_ids
    try:
        if not os.path.isdir(folder) or os.access(folder, os.W_OK, effective_ids=effective):
            return None
    except OSError:
        return None
    code = errno.EROFS if _read_only_mount(folder) else errno.EACCES
    return OSError(code, os.strerror(code), str(folder))


def _read_only_mount(folder: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # pragma: no cover - Windows
        return False
    try:
        return bool(statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1))
    except OSError:
        return False
