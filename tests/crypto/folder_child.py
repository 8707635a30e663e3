"""A process for the kill tests of ``data.crypto.folder`` (run as a script, never collected).

folder_child.py OPERATION DATA_DIR PASSPHRASE
    runs ``encrypt_folder``, ``decrypt_folder`` or ``rekey_folder`` on DATA_DIR; prints
    ``ready`` once everything is imported (the parent times its kill from then) and
    ``finished`` at the end.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from data.crypto import folder, keyfile  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def run(operation: str, root: Path, passphrase: str) -> None:
    say("ready")
    if operation == "encrypt":
        folder.encrypt_folder(root, passphrase, created=NOW)
    elif operation == "decrypt":
        folder.decrypt_folder(root, keyfile.unlock_folder(root, passphrase))
    elif operation == "rekey":
        keys = keyfile.unlock_folder(root, passphrase)
        folder.rekey_folder(root, keys, passphrase, created=NOW)
    else:
        raise SystemExit(f"unknown operation {operation!r}")
    say("finished")


if __name__ == "__main__":
    run(sys.argv[1], Path(sys.argv[2]), sys.argv[3])
