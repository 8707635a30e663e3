"""The importers the command line offers, named without importing them."""

KINDS = ("todotxt", "taskwarrior", "jrnl")
