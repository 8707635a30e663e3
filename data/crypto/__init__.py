"""Encryption at rest (issue #15): the key file, Argon2id, sealed files and sync values, the
sealed inbox for adds while locked, the recovery key and where a passphrase comes from.

``cryptography`` is imported inside functions only, so a plain data folder never loads it."""
