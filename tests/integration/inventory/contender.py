"""A separate process allocating as a batch would: it waits for the go signal, then allocates.

Run as `python -m tests.integration.inventory.contender URL NAME GO_FILE ROUNDS CODE...`; it
prints the statuses it got as one JSON list.
"""

import json
import sys
import time
from pathlib import Path

from inventory.allocation import Request, allocate


def main(argv: list[str]) -> None:
    url, name, go, rounds, codes = argv[1], argv[2], Path(argv[3]), int(argv[4]), argv[5:]
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    statuses = []
    for n in range(rounds):
        result = allocate(url, [Request(f"{name}-{n}", code, 1) for code in codes])
        statuses += [outcome.status for outcome in result.outcomes]
    print(json.dumps(statuses))


if __name__ == "__main__":
    main(sys.argv)
