"""Data files: the Telegram Bot API description (api.json) and its licence."""
