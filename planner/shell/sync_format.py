"""``planner encrypt`` and ``planner decrypt`` on a folder that syncs (issue 15): the logs
are rewritten in the new format and the local sync repository starts afresh
(``data.sync.format_change``); the user is told how to start a fresh remote.

Both are crash-safe: the change is marked before the folder is converted, and running the
same command again finishes what a kill left.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.i18n.translate import t

if TYPE_CHECKING:
    from data.crypto.keyfile import Keys
    from planner.shell.cli.context import Context


def begin(root: Path, change: str) -> bool:
    """Mark ``change`` under way before the folder is converted (False: no sync here)."""
    from data.sync import format_change

    return format_change.begin(root, change) or format_change.pending(root) == change


def pending(root: Path, change: str) -> bool:
    if not (root / "sync-local").is_dir():
        return False
    from data.sync import format_change

    return format_change.pending(root) == change


def after_encrypt(ctx: Context, keys: Keys | None = None) -> None:
    """Once the folder is sealed: every log sealed per value, the repository's history
    gone, sync off until ``planner sync init`` on a fresh remote; said on stderr."""
    from data.files import sealing
    from data.sync import format_change

    root = ctx.data_dir
    if not pending(root, "encrypt"):
        return
    seal = sealing.seal_of(root)
    sealer = keys.sealer() if keys is not None else None if seal is None else seal.current
    if sealer is None:
        from planner.shell.wiring import cli_keys

        held = cli_keys(ctx)
        if held is None:
            return
        sealer = held.sealer()
    format_change.finish(root, sealer)
    ctx.warn(t("crypto.sync_restarted"))


def before_decrypt(ctx: Context, keys: Keys) -> None:
    """Before the folder is made plain (its key is still at hand): every log opened back
    to plain lines, the repository's history gone, sync off; said on stderr."""
    root = ctx.data_dir
    if not begin(root, "decrypt"):
        return
    from data.sync import format_change, sealed_log

    sealed_log.retire(root, [keys.sealer()])
    format_change.finish(root, None)
    ctx.warn(t("crypto.sync_restarted"))
