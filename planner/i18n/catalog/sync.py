"""Sync between machines (``planner sync ...`` and the app's sync key): the commands' help,
what a sync did, ``sync status``, the conflicts and how one is reversed, the header's sync
state and the app's notices.

One area of the catalog; ``planner.i18n.translate`` merges the areas.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # help
    "sync.help": (
        "sync this planner with other machines through a git remote (alone: send and receive)",
        "通过 git 远程仓库与其他机器同步（单独使用：发送并接收）",
    ),
    "sync.help_what": (
        "init REMOTE, status, conflicts or leave; nothing: sync now",
        "init REMOTE、status、conflicts 或 leave；不写：立即同步",
    ),
    "sync.help_remote": (
        "for init: any git remote (a bare repository on a stick or a share, ssh://..., a server)",
        "用于 init：任一 git 远程仓库（U 盘或共享目录上的裸仓库、ssh://……、服务器）",
    ),
    "sync.help_reverse": (
        "for conflicts: reverse conflict ID (the edit that lost wins, everywhere after the next sync)",
        "用于 conflicts：撤回编号为 ID 的冲突决定（落败的修改胜出，下次同步后各处一致）",
    ),
    "sync.usage_remote": (
        "planner sync init needs the REMOTE: a path or a URL git can reach",
        "planner sync init 需要 REMOTE：git 能访问的路径或网址",
    ),
    "sync.usage_extra": ("{what} takes no {arg}", "{what} 不接受参数 {arg}"),
    "sync.usage_reverse": (
        "--reverse goes with planner sync conflicts",
        "--reverse 须与 planner sync conflicts 同用",
    ),
    # outcomes
    "sync.no_git": (
        "planner sync runs the git command: {reason}; install git 2.9 or newer (https://git-scm.com) and try again",
        "planner sync 需要 git 命令：{reason}；请安装 git 2.9 或更新版本（https://git-scm.com）后重试",
    ),
    "sync.not_enabled": (
        "this planner does not sync yet: planner sync init REMOTE starts",
        "此 planner 尚未同步：先运行 planner sync init REMOTE",
    ),
    "sync.remote_key.locked": (
        "the remote's planner is encrypted: give its passphrase (PLANNER_PASSPHRASE_FILE, "
        "PLANNER_PASSPHRASE_FD or the terminal); nothing was read or written",
        "远端的 planner 已加密：请提供其口令（PLANNER_PASSPHRASE_FILE、PLANNER_PASSPHRASE_FD "
        "或终端）；未读取也未写入任何内容",
    ),
    "sync.remote_key.other-key": (
        "the remote's planner is encrypted with another data key than this folder: join it "
        "from an empty data folder, or planner decrypt this one first",
        "远端的 planner 使用与本文件夹不同的数据密钥加密：请从空数据文件夹加入，"
        "或先对本文件夹运行 planner decrypt",
    ),
    "sync.remote_key.rekeyed": (
        "the data key was changed on machine {machine} (planner rekey): run planner sync "
        "with the passphrase to follow it",
        "数据密钥已在机器 {machine} 上更换（planner rekey）：请提供口令运行 planner sync 以跟进",
    ),
    "sync.already": (
        "this planner already syncs with {remote}: planner sync leave first to change it",
        "此 planner 已与 {remote} 同步：如需更换，先运行 planner sync leave",
    ),
    "sync.initialised": (
        "Syncing with {remote} as machine {machine}.",
        "已开始与 {remote} 同步，本机为 {machine}。",
    ),
    "sync.synced": (
        "Synced: {sent} changes sent, {received} received.",
        "同步完成：发出 {sent} 项修改，收到 {received} 项。",
    ),
    "sync.synced_one": (
        "Synced: 1 change sent, {received} received.",
        "同步完成：发出 1 项修改，收到 {received} 项。",
    ),
    "sync.synced_nothing": (
        "Synced: nothing to send or receive.",
        "同步完成：没有需要收发的修改。",
    ),
    "sync.offline": (
        "Offline: {reason}. Everything is kept here; the next sync sends it.",
        "离线：{reason}。所有修改都保留在本机，下次同步时发出。",
    ),
    # the transport's errors (planner.shell.sync_words.ERROR_KEYS)
    "sync.error.git_missing": (
        "{git} is not installed or not on PATH",
        "未安装 {git}，或它不在 PATH 中",
    ),
    "sync.error.git_old": (
        "{git} is version {version}; sync needs {wanted} or newer",
        "{git} 的版本是 {version}，同步需要 {wanted} 或更新版本",
    ),
    "sync.error.not_initialised": (
        "{folder} is not a sync repository: run planner sync init REMOTE first",
        "{folder} 不是同步仓库：请先运行 planner sync init REMOTE",
    ),
    "sync.error.no_remote": (
        "{folder} has no remote (sync was left or never set up): run planner sync init REMOTE",
        "{folder} 没有远程仓库（已停止同步，或从未设置）：请运行 planner sync init REMOTE",
    ),
    "sync.error.remote_empty": (
        "the remote is empty: give a path or a git URL",
        "远程仓库地址为空：请给出路径或 git 网址",
    ),
    "sync.error.offline": (
        "{remote} cannot be reached ({detail})",
        "无法连接 {remote}（{detail}）",
    ),
    "sync.error.offline_timeout": (
        "{remote} did not answer within {seconds} s",
        "{remote} 在 {seconds} 秒内没有响应",
    ),
    "sync.error.foreign_files": (
        "{remote} holds files that are not planner's sync logs ({names}): give an empty repository, or one planner sync init made",
        "{remote} 中有不属于 planner 同步日志的文件（{names}）：请换用空仓库，或由 planner sync init 建立的仓库",
    ),
    "sync.error.foreign_branches": (
        "{remote} holds branches but no main ({names}): give an empty repository, or one planner sync init made",
        "{remote} 中有分支但没有 main（{names}）：请换用空仓库，或由 planner sync init 建立的仓库",
    ),
    "sync.error.not_a_repository": (
        "{remote} is a folder but not a git repository: make it one with git init --bare {remote}",
        "{remote} 是普通文件夹，不是 git 仓库：可用 git init --bare {remote} 建立",
    ),
    "sync.error.conflict": (
        "git reported a merge conflict in {files} ({folder}) and the merge was undone; each machine must write only its own ops/<machine> folder: please report this",
        "git 报告 {files} 有合并冲突（{folder}），合并已撤销；每台机器只应写入自己的 ops/<机器> 目录：请报告此问题",
    ),
    "sync.error.rejected": (
        "{remote} refused the changes ({detail}): check the remote (its hooks, rights, space, or a stale lock file)",
        "{remote} 拒绝了这些修改（{detail}）：请检查远程仓库（钩子、权限、磁盘空间，或遗留的锁文件）",
    ),
    "sync.error.busy": (
        "{remote} kept changing while this machine sent its changes ({attempts} attempts): sync again in a moment",
        "本机发送修改期间 {remote} 一直在变化（已尝试 {attempts} 次）：请稍后再同步",
    ),
    "sync.error.git_failed": (
        "{command} failed in {folder}: {detail}",
        "{command} 在 {folder} 中失败：{detail}",
    ),
    "sync.error.git_timeout": (
        "{command} took longer than {seconds} s",
        "{command} 超过 {seconds} 秒仍未完成",
    ),
    "sync.new_conflicts": (
        "Edited on two machines at once: {count}. planner sync conflicts shows what was kept.",
        "两台机器同时修改：{count} 处。planner sync conflicts 可查看保留了哪一方。",
    ),
    "sync.unknown_ops": (
        "{count} changes come from a newer planner: kept, and applied once this one is upgraded.",
        "{count} 项修改来自更新版本的 planner：已保留，升级后应用。",
    ),
    "sync.unknown_ops_one": (
        "1 change comes from a newer planner: kept, and applied once this one is upgraded.",
        "1 项修改来自更新版本的 planner：已保留，升级后应用。",
    ),
    "sync.failed": ("sync failed: {reason}", "同步失败：{reason}"),
    "sync.left": (
        "This machine no longer syncs. Its logs stay in the data folder; the remote is untouched.",
        "本机已停止同步。日志仍保留在数据目录中，远程仓库未作改动。",
    ),
    # status
    "sync.status_machine": ("Machine:          {machine}", "本机：            {machine}"),
    "sync.status_machine_host": ("{machine} ({host})", "{machine}（{host}）"),
    "sync.status_remote": ("Remote:           {remote}", "远程仓库：        {remote}"),
    "sync.status_last": ("Last sync:        {when}", "上次同步：        {when}"),
    "sync.status_never": ("never", "从未"),
    "sync.status_offline": (
        "Offline since:    {when} (the remote could not be reached)",
        "离线始于：        {when}（无法连接远程仓库）",
    ),
    "sync.status_ahead": (
        "Commits:          {ahead} to send, {behind} to receive (as of the last fetch)",
        "提交：            待发送 {ahead} 个，待接收 {behind} 个（以上次获取为准）",
    ),
    "sync.status_changed": (
        "Records changed:  {changed} since the last sync",
        "此后修改：        {changed} 条记录",
    ),
    "sync.status_to_send": ("Changes to send:  {count}", "待发送修改：      {count} 项"),
    "sync.status_conflicts": ("Open conflicts:   {count}", "未处理冲突：      {count}"),
    "sync.status_encryption_off": (
        "Encryption:       off (plain files)",
        "加密：            未加密（明文文件）",
    ),
    "sync.status_encryption_on": (
        "Encryption:       on (no keyring holds the key)",
        "加密：            已加密（系统钥匙串中没有密钥）",
    ),
    "sync.status_encryption_agent": (
        "Encryption:       on (unlocked for now by planner unlock; no keyring holds the key)",
        "加密：            已加密（planner unlock 暂时解锁；系统钥匙串中没有密钥）",
    ),
    "sync.status_encryption_keyring": (
        "Encryption:       on (the system keyring holds the key: it opens the data without"
        " the passphrase)",
        "加密：            已加密（系统钥匙串保存着密钥：无需口令即可打开数据）",
    ),
    # conflicts
    "sync.conflicts_none": ("No conflicts.", "没有冲突。"),
    "sync.conflict_heading": (
        "{id}  {when}  {kind} {record}: {field}",
        "{id}  {when}  {kind} {record}：{field}",
    ),
    "sync.conflict_kept": ("  kept:      {value}  {source}", "  保留：  {value}  {source}"),
    "sync.conflict_not_kept": ("  not kept:  {value}  {source}", "  未采用：{value}  {source}"),
    "sync.conflict_both_kept": (
        "  both versions are in the entry, marked: edit it to keep one",
        "  两个版本都已保留在日志中并作了标记：编辑日志以保留其一",
    ),
    "sync.from_machine": ("from {machine}", "来自 {machine}"),
    "sync.from_here": ("from this machine", "来自本机"),
    "sync.value_empty": ("(empty)", "（空）"),
    "sync.value_masked": ("[…]", "[…]"),
    "sync.value_quoted": ('"{text}"', "“{text}”"),
    "sync.value_separator": (", ", "、"),
    "sync.kind.task": ("task", "任务"),
    "sync.kind.day": ("day", "日程"),
    "sync.kind.journal": ("journal entry", "日志"),
    "sync.kind.setback": ("setback", "挫折分析"),
    "sync.field.date": ("date", "日期"),
    "sync.field.main": ("main contradiction", "主要矛盾"),
    "sync.field.carried_from": ("carried over from", "顺延自"),
    "sync.field.carry_answered": ("carry-over answered", "已处理顺延"),
    "sync.field.body": ("text", "正文"),
    "sync.field.kind": ("kind", "类型"),
    "sync.field.reviewed_at": ("reviewed at", "复盘时间"),
    "sync.field.draft": ("draft", "草稿"),
    "sync.field.updated": ("updated", "修改时间"),
    "sync.field.external_ref": ("imported from", "导入来源"),
    "sync.field.import_base": ("as last imported", "上次导入的内容"),
    "sync.conflicts_hint": (
        "planner sync conflicts --reverse ID makes the value that was not kept win.",
        "planner sync conflicts --reverse ID 使未被采用的值胜出。",
    ),
    "sync.reversed": (
        "Reversed {id}: {kind} {record}, {field}: {value} again. The next sync sends it.",
        "已撤回 {id}：{kind} {record} 的{field}已恢复为{value}，下次同步时发出。",
    ),
    "sync.no_conflict": ("no conflict {id}", "没有编号为 {id} 的冲突"),
    "sync.body_conflict": (
        "journal entry {record} holds both versions of its text, marked: edit the entry to keep one",
        "日志 {record} 中已保留两个版本的正文并作了标记：编辑该日志以保留其一",
    ),
    # the app
    "sync.header_synced": ("synced", "已同步"),
    "sync.header_to_send": ("{count} to send", "{count} 项待发送"),
    "sync.header_offline": ("offline", "离线"),
    "sync.header_conflicts": ("conflicts: {count}", "{count} 处冲突"),
    "sync.header_syncing": ("syncing…", "同步中…"),
    "sync.header_needs_passphrase": ("needs passphrase", "需要口令"),
    "sync.passphrase_title": ("Sync: the passphrase", "同步：请输入口令"),
    "sync.passphrase_why": (
        "The data key was changed on machine {machine} (planner rekey). Type the passphrase "
        "to take the new key here and finish the sync.",
        "数据密钥已在机器 {machine} 上更换（planner rekey）。请输入口令，在本机改用新密钥并完成同步。",
    ),
    "sync.passphrase_hint": ("enter: sync   esc: not now", "回车：同步   esc：暂不"),
    "sync.app_needs_passphrase": (
        "Not synced: the new data key needs the passphrase (S to sync and give it).",
        "未同步：新的数据密钥需要口令（按 S 同步并输入口令）。",
    ),
    "sync.app_new_key": (
        "The data key changed on another machine: the data here is now encrypted with it.",
        "数据密钥已在另一台机器上更换：本机数据现已改用新密钥加密。",
    ),
    "sync.app_offline": (
        "Offline: everything is kept here; the next sync sends it.",
        "离线：修改都保留在本机，下次同步时发出。",
    ),
    "sync.app_not_enabled": (
        "This planner does not sync: run planner sync init REMOTE in a terminal.",
        "此 planner 未开启同步：请在终端运行 planner sync init REMOTE。",
    ),
    "sync.app_new_conflicts": (
        "Edited on two machines at once: {count}. Sync conflicts (ctrl+p) shows what was kept.",
        "两台机器同时修改：{count} 处。Ctrl+P 中的“同步冲突”可查看保留了哪一方。",
    ),
    "sync.app_busy": ("A sync is already running.", "同步正在进行。"),
    "sync.dialog_title": (
        "Edited on two machines at once: what was kept",
        "两台机器同时修改：保留了哪一方",
    ),
    "sync.dialog_keys": (
        "r  bring back the value not kept   esc  close",
        "r  恢复未采用的值   esc  关闭",
    ),
}
