"""Prefect flows: thin tasks over the plain service functions of fulfilment and inventory."""

import os

# Prefect reads its settings when first imported, which every flow module does: quiet logs
# and no analytics unless the environment asks otherwise. DO_NOT_TRACK also keeps Prefect's
# client from printing its usage-data notice into the staff's terminal on a first run.
QUIET = {
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}
for _name, _value in QUIET.items():
    os.environ.setdefault(_name, _value)
