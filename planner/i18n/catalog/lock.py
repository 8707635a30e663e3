"""The lock screen of the app: the passphrase of an encrypted data folder at start and
after an idle lock (``widgets.screens.lock``), and the app's notices about locking.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "lock.title": ("planner is locked", "planner 已锁定"),
    "lock.why_start": (
        "The data is encrypted. Type the passphrase to open it.",
        "数据已加密。请输入口令以打开。",
    ),
    "lock.why_locked": (
        "Locked: nothing of the data is shown until the passphrase is typed again.",
        "已锁定：再次输入口令之前不显示任何数据。",
    ),
    "lock.why_rekeyed": (
        "The data key was changed on this computer (planner rekey) while planner was open. "
        "Type the passphrase to go on with the new key.",
        "planner 打开期间，本机更换了数据密钥（planner rekey）。请输入口令，以新密钥继续。",
    ),
    "lock.why_encrypted": (
        "The data was encrypted on this computer (planner encrypt) while planner was open. "
        "Type the passphrase to go on.",
        "planner 打开期间，本机的数据已被加密（planner encrypt）。请输入口令以继续。",
    ),
    "lock.waiting": (
        "Changes not saved yet: {count}. They are saved with the new key once unlocked; "
        "esc quits without them.",
        "尚未保存：{count} 项修改，解锁后以新密钥保存；按 esc 退出则不保存。",
    ),
    "lock.not_saved": (
        "Not saved when the app was closed ({count}): {actions}.",
        "应用关闭时仍未保存（{count} 项）：{actions}。",
    ),
    "lock.not_saved_text": (
        "The text you typed, not saved (copy it before it scrolls away):\n{text}",
        "你输入但未保存的文字（请在滚出屏幕前复制）：\n{text}",
    ),
    "lock.new_key": (
        "Going on with the new data key.",
        "已改用新的数据密钥继续。",
    ),
    "lock.decrypted": (
        "The data was decrypted on this computer (planner decrypt): it is plain text now.",
        "本机的数据已被解密（planner decrypt）：现为明文。",
    ),
    "lock.placeholder": ("passphrase", "口令"),
    "lock.hint": ("enter: unlock   esc: quit", "回车：解锁   esc：退出"),
    "lock.checking": ("Checking the passphrase…", "正在核对口令…"),
    "lock.wrong": ("Wrong passphrase. Try again.", "口令不对，请重试。"),
    "lock.empty": ("Type the passphrase, then enter.", "请输入口令后按回车。"),
    "lock.failed": ("Cannot unlock: {reason}", "无法解锁：{reason}"),
    "lock.not_encrypted": (
        "The data is not encrypted: nothing to lock (planner encrypt)",
        "数据未加密，无需锁定（planner encrypt）",
    ),
}
