"""A separate process allocating as a batch would: it gets ready, waits for go, then allocates.

Run as `python -m tests.integration.inventory.contender URL NAME FOLDER ROUNDS CODE...`. Once
its imports are done and it has queried the database it writes FOLDER/ready-NAME; then it
waits for FOLDER/go and prints the statuses it got as one JSON list.
"""

import json
import sys
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from fulfilment.db import unit_of_work
from inventory.allocation import Request, allocate
from inventory.models import Stock

GO_WAIT_SECONDS = 60
NOW = datetime(2026, 11, 24, 9, 0)


def main(argv: list[str]) -> None:
    url, name, folder, rounds, codes = argv[1], argv[2], Path(argv[3]), int(argv[4]), argv[5:]
    # Connecting and mapping the models take longer than an allocation; done before go, so
    # that after go the contenders only allocate, and do so at the same time.
    with unit_of_work(url) as uow:
        uow.session.execute(select(Stock.id).limit(1))
    (folder / f"ready-{name}").touch()
    go = folder / "go"
    deadline = time.monotonic() + GO_WAIT_SECONDS
    while not go.exists():
        if time.monotonic() > deadline:
            sys.exit(f"contender {name}: no go signal within {GO_WAIT_SECONDS} s")
        time.sleep(0.001)
    statuses = []
    for n in range(rounds):
        with unit_of_work(url) as uow:
            result = allocate(
                uow.session, [Request(f"{name}-{n}", code, 1) for code in codes], now=NOW
            )
            uow.commit()
        statuses += [outcome.status for outcome in result.outcomes]
    print(json.dumps(statuses))


if __name__ == "__main__":
    main(sys.argv)
