"""Keeping an encrypted folder's key for a while: ``planner unlock`` and ``planner lock``
(the agent, the opt-in keyring), the passphrase prompt of the CLI, the locked state, and
the sealed ``planner add`` while locked and its take-in.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "agent.help_unlock": (
        "keep the encrypted data's key in memory for a while (asks the passphrase once)",
        "在一段时间内把加密数据的密钥保存在内存中（只问一次口令）",
    ),
    "agent.help_minutes": (
        "how many minutes to keep it (default: [encryption] agent_minutes, 30)",
        "保存多少分钟（默认：[encryption] agent_minutes，30）",
    ),
    "agent.help_keyring": (
        "keep the key in the system keyring instead, until planner lock --keyring "
        "(anyone using this session can then open the data)",
        "改为把密钥保存在系统钥匙串中，直到 planner lock --keyring（届时使用此会话的人都能打开数据）",
    ),
    "agent.help_lock": (
        "forget the key now (ends planner unlock's agent)",
        "立即忘记密钥（结束 planner unlock 的代理进程）",
    ),
    "agent.help_lock_keyring": (
        "also remove the key from the system keyring",
        "同时从系统钥匙串中删除密钥",
    ),
    "agent.prompt": ("Passphrase: ", "口令："),
    "agent.prompt_again": ("Passphrase again: ", "再次输入口令："),
    "agent.locked": ("is encrypted and locked", "已加密且已锁定"),
    "agent.locked_advice": (
        "run planner unlock, or give the passphrase in PLANNER_PASSPHRASE_FILE or "
        "PLANNER_PASSPHRASE_FD",
        "请运行 planner unlock，或通过 PLANNER_PASSPHRASE_FILE 或 PLANNER_PASSPHRASE_FD 提供口令",
    ),
    "agent.not_encrypted": (
        "the data is not encrypted: nothing to unlock (planner encrypt)",
        "数据未加密，无需解锁（planner encrypt）",
    ),
    "agent.minutes_range": (
        "--minutes must be a whole number from 1 to {limit}, got {value}",
        "--minutes 须是 1 到 {limit} 之间的整数，现为 {value}",
    ),
    "agent.unlocked": (
        "Unlocked for {minutes} min: the key is kept in memory by planner's agent "
        "(pid {pid}); planner lock forgets it now.",
        "已解锁 {minutes} 分钟：密钥由 planner 的代理进程（pid {pid}）保存在内存中；"
        "planner lock 可立即忘记它。",
    ),
    "agent.cannot_start": (
        "cannot start the key agent: {reason}",
        "无法启动密钥代理进程：{reason}",
    ),
    "agent.keyring_kept": (
        "The key is now kept in the system keyring: anyone using this session can open the "
        "data without the passphrase. planner lock --keyring forgets it.",
        "密钥已保存在系统钥匙串中：使用此会话的任何人都无需口令即可打开数据。"
        "planner lock --keyring 可忘记它。",
    ),
    "agent.no_keyring_package": (
        "no keyring: the keyring package is not installed (pip install 'planner[keyring]'); "
        "planner unlock without --keyring keeps the key for a while instead",
        "没有钥匙串：未安装 keyring 包（pip install 'planner[keyring]'）；"
        "不带 --keyring 的 planner unlock 可暂时保存密钥",
    ),
    "agent.no_keyring_backend": (
        "no keyring: this machine has no system keyring the keyring package can use; "
        "planner unlock without --keyring keeps the key for a while instead",
        "没有钥匙串：本机没有 keyring 包可用的系统钥匙串；不带 --keyring 的 planner unlock 可暂时保存密钥",
    ),
    "agent.keyring_refused": (
        "the system keyring refused the key: {reason}",
        "系统钥匙串拒绝保存密钥：{reason}",
    ),
    "agent.lock_done": ("Locked: the agent forgot the key.", "已锁定：代理进程已忘记密钥。"),
    "agent.lock_none": (
        "No agent was holding a key: nothing to forget.",
        "没有代理进程保存密钥：无需忘记。",
    ),
    "agent.keyring_forgotten": (
        "The system keyring no longer holds the key.",
        "系统钥匙串已不再保存密钥。",
    ),
    "agent.keyring_none": (
        "The system keyring held no key of this planner.",
        "系统钥匙串中没有此 planner 的密钥。",
    ),
    "agent.keyring_still": (
        "The system keyring still holds the key: the data opens without the passphrase "
        "(planner lock --keyring forgets it).",
        "系统钥匙串仍保存着密钥：无需口令即可打开数据（planner lock --keyring 可忘记它）。",
    ),
    "agent.taken_in": (
        "Took in {count} tasks added while locked: {ids}",
        "已收入锁定时添加的 {count} 个任务：{ids}",
    ),
    "agent.taken_in_one": (
        "Took in the task added while locked: {ids}",
        "已收入锁定时添加的任务：{ids}",
    ),
    "agent.left_in_inbox": (
        "A task added while locked stays in the inbox: {problem}",
        "一个锁定时添加的任务仍留在收件箱中：{problem}",
    ),
}
