"""The daily batch: plan, reserve, render, assemble and commit a business day's packets."""
