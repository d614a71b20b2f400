"""A fake Telegram Bot API server, its world of users and chats, and a client to drive it (see README.md)."""
