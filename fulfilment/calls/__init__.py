"""Follow-up calls: when they are due, who makes them, what came of them."""
