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
        "已同步：发送 {sent} 项修改，接收 {received} 项。",
    ),
    "sync.offline": (
        "Offline: {reason}. Everything is kept here; the next sync sends it.",
        "离线：{reason}。所有修改都保留在本机，下次同步时发送。",
    ),
    "sync.new_conflicts": (
        "Edited on two machines at once: {count}. planner sync conflicts shows what was kept.",
        "两台机器同时修改：{count} 处。planner sync conflicts 可查看保留了哪一方。",
    ),
    "sync.unknown_ops": (
        "{count} changes come from a newer planner: kept, and applied once this one is upgraded.",
        "{count} 项修改来自更新版本的 planner：已保留，升级后应用。",
    ),
    "sync.failed": ("sync failed: {reason}", "同步失败：{reason}"),
    "sync.left": (
        "This machine no longer syncs. Its logs stay in the data folder; the remote is untouched.",
        "本机已停止同步。日志仍保留在数据目录中，远程仓库未作改动。",
    ),
    # status
    "sync.status_machine": ("Machine:          {machine}", "本机：            {machine}"),
    "sync.status_remote": ("Remote:           {remote}", "远程仓库：        {remote}"),
    "sync.status_last": ("Last sync:        {when}", "上次同步：        {when}"),
    "sync.status_never": ("never", "从未"),
    "sync.status_offline": (
        "Offline since:    {when} (the remote could not be reached)",
        "离线始于：        {when}（无法连接远程仓库）",
    ),
    "sync.status_ahead": (
        "Ahead / behind:   {ahead} commits to send, {behind} to receive (as of the last fetch)",
        "领先 / 落后：     待发送 {ahead} 个提交，待接收 {behind} 个（以上次获取为准）",
    ),
    "sync.status_changed": (
        "Changed since:    {changed} records ({to_send} changes to send)",
        "此后修改：        {changed} 条记录（{to_send} 项修改待发送）",
    ),
    "sync.status_conflicts": ("Open conflicts:   {count}", "未处理冲突：      {count}"),
    # conflicts
    "sync.conflicts_none": ("No conflicts.", "没有冲突。"),
    "sync.conflict_line": (
        "{id}  {when}  {kind} {record}  {field}: kept {winner} ({winner_machine}), not {loser} ({loser_machine})",
        "{id}  {when}  {kind} {record}  {field}：保留 {winner}（{winner_machine}），未采用 {loser}（{loser_machine}）",
    ),
    "sync.conflicts_hint": (
        "planner sync conflicts --reverse ID makes the value that was not kept win.",
        "planner sync conflicts --reverse ID 使未被采用的值胜出。",
    ),
    "sync.reversed": (
        "Reversed {id}: {field} of {record} is {value} again; the next sync sends it.",
        "已撤回 {id}：{record} 的 {field} 恢复为 {value}；下次同步时发送。",
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
    "sync.app_synced": (
        "Synced: {sent} changes sent, {received} received.",
        "已同步：发送 {sent} 项修改，接收 {received} 项。",
    ),
    "sync.app_offline": (
        "Offline: nothing is lost; the next sync sends it all.",
        "离线：没有丢失任何内容，下次同步时全部发送。",
    ),
    "sync.app_not_enabled": (
        "This planner does not sync: run planner sync init REMOTE in a terminal.",
        "此 planner 未开启同步：请在终端运行 planner sync init REMOTE。",
    ),
    "sync.app_busy": ("A sync is already running.", "同步正在进行。"),
    "sync.dialog_title": (
        "Edited on two machines at once: what was kept",
        "两台机器同时修改：保留了哪一方",
    ),
    "sync.dialog_keys": (
        "r  bring back the value that was not kept (it wins everywhere after the next sync)   esc  close",
        "r  恢复未被采用的值（下次同步后各处一致）   esc  关闭",
    ),
}
