"""Reports for managers: turnaround, sources, calls and literature, as figures, PDF and xlsx."""
