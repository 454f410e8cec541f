"""Prefect flows: thin tasks over the plain service functions of fulfilment and inventory."""
