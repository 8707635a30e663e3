"""Sync between machines on files (issue #14): this machine's operation log, receiving the
other machines' logs, and the git transport that carries them (``data.sync.git_repo``)."""
