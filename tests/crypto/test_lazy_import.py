"""A plain data folder never loads ``cryptography``: the crypto core imports it inside
functions only. Checked in fresh interpreters, on the test's (plain) data folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def loaded_crypto(code: str) -> list[str]:
    program = (
        "import sys, json\n"
        f"{code}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'cryptography')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_the_check_sees_cryptography_when_it_is_loaded() -> None:
    """Without this, a wrong module name would make the tests below pass vacuously."""
    assert loaded_crypto("import cryptography.hazmat.primitives.ciphers.aead")


def test_importing_every_crypto_module_and_reading_no_key_file_loads_nothing(
    tmp_path: Path,
) -> None:
    code = (
        "from pathlib import Path\n"
        "import data.crypto.keyfile, data.crypto.seal, data.crypto.inbox, data.crypto.kdf\n"
        "import data.crypto.passphrase, data.crypto.recovery, data.crypto.aead\n"
        f"assert data.crypto.keyfile.read_keyfile(Path({str(tmp_path)!r})) is None\n"
        f"assert data.crypto.inbox.pending(Path({str(tmp_path)!r})) == []"
    )
    assert loaded_crypto(code) == []


def test_the_store_and_planner_today_on_a_plain_folder_load_nothing() -> None:
    code = (
        "import io\n"
        "from datetime import datetime, timedelta, timezone\n"
        "import data.store\n"
        "from planner.shell.cli.main import run\n"
        "now = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=8)))\n"
        "for args in (['add', 'Plan the visit !main'], ['today']):\n"
        "    out = io.StringIO()\n"
        "    assert run(args, clock=lambda: now, out=out, err=io.StringIO()) == 0\n"
        "assert 'Plan the visit' in out.getvalue(), out.getvalue()"
    )
    assert loaded_crypto(code) == []
