"""The error a command's argument parser raises: its message tells the person how to write the command."""


class UsageError(Exception):
    """A command's arguments cannot be understood; the message says how to write them."""
