"""Samvad's storage: one SQLite file (`storage.database.Database`), or a PostgreSQL database with the same
API (`storage.postgres_database.PostgresDatabase`); `storage.backend.open_database` opens either.

Repository modules (chats, messages, journal, inbox, outbox, tasks, ...) are plain
functions that take a `Transaction` to write or the `Database` to read.
This package knows nothing of Telegram.
"""
