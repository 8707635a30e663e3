"""Encrypting the data folder: ``planner encrypt``, ``decrypt``, ``passphrase``, ``rekey``.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "crypto.help_encrypt": (
        "encrypt the data folder (asks a new passphrase twice, prints a recovery key once)",
        "加密数据文件夹（新口令输入两次，恢复密钥只显示一次）",
    ),
    "crypto.help_decrypt": (
        "write the data folder as plain text again (after the passphrase)",
        "把数据文件夹重新写成明文（需先输入口令）",
    ),
    "crypto.help_passphrase": (
        "change the passphrase (the data is not re-encrypted)",
        "更改口令（数据不重新加密）",
    ),
    "crypto.help_rekey": (
        "a new data key: everything is encrypted again (after a lost laptop)",
        "更换数据密钥：全部数据重新加密（例如丢失电脑之后）",
    ),
    "crypto.prompt": ("Passphrase: ", "口令："),
    "crypto.prompt_new": ("New passphrase: ", "新口令："),
    "crypto.prompt_again": ("New passphrase again: ", "再次输入新口令："),
    "crypto.mismatch": ("the two passphrases differ", "两次输入的口令不一致"),
    "crypto.empty": ("a passphrase cannot be empty", "口令不能为空"),
    "crypto.already": (
        "the data folder is encrypted already (planner passphrase changes the passphrase)",
        "数据文件夹已经加密（更改口令请用 planner passphrase）",
    ),
    "crypto.not_encrypted": (
        "the data folder is not encrypted (planner encrypt)",
        "数据文件夹未加密（planner encrypt）",
    ),
    "crypto.recovery": (
        "Recovery key (shown this once; keep it apart from the passphrase, e.g. on paper):\n"
        "  {key}\n"
        "It opens the data if the passphrase is lost.",
        "恢复密钥（只显示这一次；请与口令分开保存，例如写在纸上）：\n"
        "  {key}\n"
        "忘记口令时可用它打开数据。",
    ),
    "crypto.encrypted": (
        "Encrypted: every data file, the undo history, the caches and the backups.",
        "已加密：全部数据文件、撤销历史、缓存和备份。",
    ),
    "crypto.finished": (
        "Finished the interrupted planner {command}.",
        "已完成先前中断的 planner {command}。",
    ),
    "crypto.sync_restarted": (
        "Sync: the operation logs here were rewritten in the new format and the local sync "
        "repository starts afresh (its history is deleted); sync is off on this machine. "
        "The old remote's history still holds what was sent before: create a new, empty "
        "remote (git init --bare NEW-REMOTE), run planner sync init NEW-REMOTE here, on "
        "each other machine planner sync leave then planner sync init NEW-REMOTE (it asks "
        "the passphrase), and delete the old remote.",
        "同步：本机的操作日志已按新格式重写，本地同步仓库重新开始（其历史已删除）；本机同步已关闭。"
        "旧远端的历史仍保存着此前发送的内容：请新建一个空远端（git init --bare 新远端），"
        "在本机运行 planner sync init 新远端，在其他每台机器上先运行 planner sync leave，"
        "再运行 planner sync init 新远端（会询问口令），然后删除旧远端。",
    ),
    "crypto.decrypt_warning": (
        "planner decrypt writes every file as plain text again, backups included: anyone "
        "who can read the data folder can then read the data.",
        "planner decrypt 会把所有文件（包括备份）重新写成明文：能读取数据文件夹的人都能读到数据。",
    ),
    "crypto.decrypted": (
        "Decrypted: the data folder is plain text again; keys.json was removed.",
        "已解密：数据文件夹重新成为明文；keys.json 已删除。",
    ),
    "crypto.passphrase_changed": (
        "Passphrase changed (the data key and the recovery key are unchanged).",
        "口令已更改（数据密钥和恢复密钥不变）。",
    ),
    "crypto.rekeyed": (
        "Rekeyed: every file is encrypted with a new data key; the old recovery key no "
        "longer opens anything.",
        "已更换密钥：全部文件已用新数据密钥加密；旧的恢复密钥不再有效。",
    ),
}
