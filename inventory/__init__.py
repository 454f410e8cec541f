"""Literature and supplies: items, the stock ledger, allocation and reorder."""
