"""Lets `python -m fulfilment` run the litcenter command."""

from fulfilment.cli.main import run

run()
