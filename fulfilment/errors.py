"""Domain exceptions: each carries one line a user can act on."""


class LitcenterError(Exception):
    """A problem the user can fix; its message says what is wrong and what to do."""


class NotFound(LitcenterError):
    """A record the user named does not exist."""


class BadInput(LitcenterError):
    """A file or value the user gave cannot be used as it is."""
