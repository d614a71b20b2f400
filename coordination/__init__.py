"""The circular's rules, with no Telegram in them: membership, moderation and records.

Each module takes plain inputs (a contact shared, a join request, a message with its sender's post) and
records or owes its outcomes through the collaborators passed in (`coordination.collaborators`): the
database, the outbox, the clock and the few reads of Telegram it needs. Handlers parse an update and call
here; nothing here is global.
"""
