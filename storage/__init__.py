"""Samvad's storage: one SQLite file, opened through `storage.database.Database`.

Repository modules (chats, messages, journal, inbox, outbox, tasks, ...) are plain
functions that take a `Transaction` to write or the `Database` to read.
This package knows nothing of Telegram.
"""
