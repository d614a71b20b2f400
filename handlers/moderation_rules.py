"""Moved to coordination.moderation_rules (issue 13); kept for handlers/records.py until it imports from there."""

from coordination.moderation_rules import message_context, records_instruction

__all__ = ["message_context", "records_instruction"]
