"""The inbox folder where web forms and staff drop inquiry files for the intake flow."""

from pathlib import Path

from fulfilment.errors import BadInput

INQUIRY_SUFFIXES = {".csv", ".json", ".xlsx"}
PROCESSED = "processed"


def waiting_files(inbox: Path) -> list[Path]:
    """Inquiry files waiting in the inbox, oldest first."""
    if not inbox.is_dir():
        raise BadInput(f"{inbox}: no such folder; create it or point the intake at another")
    files = [
        p
        for p in inbox.iterdir()
        # Excel keeps "~$name.xlsx" beside a workbook someone has open: a lock, not leads.
        if p.is_file() and p.suffix.lower() in INQUIRY_SUFFIXES and not p.name.startswith("~$")
    ]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def file_away(path: Path) -> Path:
    """Move an imported file to processed/, never overwriting an earlier file of the same name."""
    done = path.parent / PROCESSED
    done.mkdir(exist_ok=True)
    target = done / path.name
    counter = 1
    while target.exists():
        target = done / f"{path.stem}.{counter}{path.suffix}"
        counter += 1
    return path.rename(target)
