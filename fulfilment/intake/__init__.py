"""Getting inquiries in: read files, validate rows, match contacts, quarantine the rest."""
