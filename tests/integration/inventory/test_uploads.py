"""PDF uploads: hostile files are refused fast with one clear line and change nothing."""

import time
from pathlib import Path

import pytest

from fulfilment.db import unit_of_work
from fulfilment.errors import BadInput
from inventory.items import ItemDraft, ItemView, add_item, list_items, upload_edition
from inventory.uploads import checked_pdf
from tests.integration.inventory import pdfs
from tests.integration.inventory.stockroom import NOW, add

DRAFT = ItemDraft(code="BR-PMP", title="Pumps", kind="brochure", products=["PMP-100"])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each hostile file once per module: the bomb takes a few seconds to squeeze."""
    folder = tmp_path_factory.mktemp("hostile")
    return {
        name: pdfs.write(folder, f"{name}.pdf", make()) for name, (make, _) in pdfs.HOSTILE.items()
    }


def _items(url: str) -> list[ItemView]:
    with unit_of_work(url) as uow:
        return list_items(uow.session)


def _tree(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@pytest.mark.parametrize("name", list(pdfs.HOSTILE))
def test_a_hostile_pdf_is_refused_and_nothing_changes(
    url: str, home: Path, hostile: dict[str, Path], name: str
) -> None:
    add(url, "BR-OLD", home=home)
    before = (_items(url), _tree(home))
    started = time.monotonic()

    with unit_of_work(url) as uow, pytest.raises(BadInput) as new_item:
        add_item(uow, DRAFT, home=home, pdf=hostile[name], now=NOW)
    with unit_of_work(url) as uow, pytest.raises(BadInput) as new_edition:
        upload_edition(uow, "BR-OLD", hostile[name], home=home, now=NOW)

    assert time.monotonic() - started < 10
    fragment = pdfs.HOSTILE[name][1]
    for refused in (new_item, new_edition):
        message = str(refused.value)
        assert fragment in message and message.startswith(f"{name}.pdf ")
        assert "\n" not in message and "Traceback" not in message
    assert (_items(url), _tree(home)) == before


def test_a_good_pdf_becomes_an_edition_kept_by_its_hash(
    url: str, home: Path, tmp_path: Path
) -> None:
    first = pdfs.write(tmp_path, "pumps.pdf", pdfs.brochure(pages=4, tag="2026"))

    with unit_of_work(url) as uow:
        item = add_item(uow, DRAFT, home=home, pdf=first, now=NOW)

    assert (item.edition, item.page_count, item.paper_size) == (1, 4, "Letter")
    assert item.pdf is not None and (home / item.pdf).read_bytes() == first.read_bytes()
    assert item.pdf.startswith("literature/") and len(Path(item.pdf).stem) == 64

    with unit_of_work(url) as uow:
        same = upload_edition(uow, "br-pmp", first, home=home, now=NOW)
    assert same.edition == 1

    a4 = pdfs.write(tmp_path, "pumps-a4.pdf", pdfs.brochure(pages=2, width=595, height=842))
    with unit_of_work(url) as uow:
        second = upload_edition(uow, "BR-PMP", a4, home=home, now=NOW)
    assert (second.edition, second.page_count, second.paper_size) == (2, 2, "A4")
    assert len(list((home / "literature").iterdir())) == 2


def test_a_reader_that_stalls_is_stopped(tmp_path: Path) -> None:
    slow = pdfs.write(tmp_path, "slow.pdf", pdfs.brochure())

    with (
        pytest.raises(BadInput, match="slow.pdf took longer than 0.001 s"),
        checked_pdf(slow, timeout=0.001),
    ):
        pass


def test_a_missing_file_is_one_line(url: str, home: Path, tmp_path: Path) -> None:
    add(url, "BR-OLD", home=home)

    with unit_of_work(url) as uow, pytest.raises(BadInput, match="no such file"):
        upload_edition(uow, "BR-OLD", tmp_path / "nowhere.pdf", home=home, now=NOW)
