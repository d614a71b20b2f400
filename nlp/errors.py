"""Errors raised by the content filter, as types callers can catch."""


class NlpError(Exception):
    """Base class for content-filter errors."""


class ModelNotFoundError(NlpError):
    """The trained pipeline directory is missing or incomplete."""


class CorpusError(NlpError):
    """A training or evaluation file is malformed."""
