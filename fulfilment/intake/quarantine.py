"""The states of a quarantined row, in a module light enough for the CLI's help to name them."""

QUARANTINE_STATUSES = ("open", "accepted", "superseded")
