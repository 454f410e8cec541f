"""The README's first command and the batch commands, run as staff run them."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from fulfilment.render.stationery import label_sheet
from tests.conftest import Cli
from tests.integration.render.pdf_reading import text_runs


@pytest.fixture(params=["sqlite"])
def blank_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The demo runs on the embedded default, SQLite."""
    return f"sqlite:///{tmp_path / 'litcenter.db'}"


def test_demo_then_batch_commands(cli: Cli, tmp_path: Path) -> None:
    demo = cli("demo", "--json")
    assert demo.code == 0, demo.stderr
    loaded = demo.json()
    batch = loaded["batch"]
    assert loaded["inquiries"]["accepted"] == 30
    assert batch["packets"] > 0
    assert Path(batch["files"]["letters"]).is_file()

    again = cli("batch", "run", "--date", batch["date"], "--json")
    assert again.code == 0, again.stderr
    assert set(again.json()) == {"batch_id", "date", "packets", "new_packets",
                                 "inquiries_answered", "held", "backordered", "separate_cover",
                                 "files", "warnings", "seconds"}  # fmt: skip
    assert again.json()["new_packets"] == 0
    assert any(
        "no bulletin matches 'Flow Control Nov 2026'" in w for w in again.json()["warnings"]
    ), "a re-run still warns of the demo's page in a bulletin marketing has not added"

    listed = cli("batch", "list", "--json").json()
    assert [b["date"] for b in listed] == [batch["date"]]
    shown = cli("batch", "show", str(batch["batch_id"]), "--json").json()
    packet = shown["packets"][0]
    assert set(packet) >= {"number", "inquiry_id", "external_id", "inquiry_ids",
                           "external_ids", "channel", "status", "envelope", "weight_g",
                           "items"}  # fmt: skip
    assert packet["inquiry_id"] == packet["inquiry_ids"][0]
    assert packet["external_id"] == packet["external_ids"][0]

    scanned = cli("scan", stdin=f"{packet['number']}\n\n")
    assert scanned.code == 0, scanned.stderr
    assert "mailed" in scanned.stdout
    unknown = cli("scan", "P19990101-00001")
    assert unknown.code == 1
    assert unknown.stderr.count("\n") == 1 and "unknown packet number" in unknown.stderr

    before = cli("batch", "show", str(batch["batch_id"]), "--json").json()
    assert before["packets"][0]["status"] == "mailed"
    preview = cli("preview", str(packet["inquiry_id"]), "--out", str(tmp_path / "preview"),
                  "--json")  # fmt: skip
    assert preview.code == 0, preview.stderr
    letter = PdfReader(preview.json()["letter"])
    assert "PREVIEW" in letter.pages[0].extract_text()
    assert cli("batch", "show", str(batch["batch_id"]), "--json").json() == before, (
        "a preview changes nothing"
    )

    reprint = cli("batch", "reprint", packet["number"], "--label-start", "14",
                  "--out", str(tmp_path / "reprint"), "--json")  # fmt: skip
    assert reprint.code == 0, reprint.stderr
    first_line = text_runs(Path(reprint.json()["label"]).read_bytes())[0]
    assert label_sheet("avery-5160").cell(14).contains(first_line.extent), "label 14 is used"
    off_sheet = cli("batch", "reprint", packet["number"], "--label-start", "31")
    assert off_sheet.code == 1 and off_sheet.stderr.count("\n") == 1
    assert "use 1 to 30" in off_sheet.stderr
    timeline = cli("inquiry", "show", str(packet["inquiry_id"]), "--json").json()["timeline"]
    assert [event["kind"] for event in timeline].count("reprinted") == 1, (
        "a refused reprint leaves no trace"
    )


def test_batch_errors_are_one_line(cli: Cli) -> None:
    assert cli("init").code == 0
    for args, fragment in [
        (("batch", "run", "--date", "next week"), "'next week' is not a day"),
        (("batch", "show", "99"), "no batch 99"),
        (("batch", "reprint", "P1"), "no packet P1"),
        (("preview", "5", "--out", "/tmp/x"), "no inquiry 5"),
    ]:
        result = cli(*args)
        assert result.code == 1, args
        assert result.stderr.startswith("error: ") and fragment in result.stderr
        assert result.stderr.count("\n") == 1


def demo_center(cli: Cli) -> Path:
    """A new center with the demo's products, reps and literature, no inquiries; the demo files."""
    demo = Path(__file__).resolve().parents[3] / "fulfilment" / "demo_data"
    assert cli("init").code == 0
    for command in (["products", "import"], ["reps", "import"]):
        assert cli(*command, str(demo / f"{command[0]}.csv")).code == 0
    assert cli("stock", "import", str(demo / "literature.csv")).code == 0
    return demo


def test_a_batch_on_a_partly_used_label_sheet_starts_at_the_first_unused_label(
    cli: Cli,
) -> None:
    demo = demo_center(cli)
    assert cli("import", str(demo / "inquiries.csv")).code == 0

    refused = cli("batch", "run", "--date", "2026-11-24", "--label-start", "31")
    assert refused.code == 1 and refused.stderr.count("\n") == 1
    assert "start position 31 is not on the avery-5160 sheet" in refused.stderr
    assert cli("batch", "list", "--json").json() == [], "a refused start plans nothing"

    run = cli("batch", "run", "--date", "2026-11-24", "--label-start", "7", "--json")
    assert run.code == 0, run.stderr
    labels = Path(run.json()["files"]["labels"]).read_bytes()
    sheet = label_sheet("avery-5160")
    first_line = text_runs(labels)[0]
    assert sheet.cell(7).contains(first_line.extent), "labels 1 to 6 were used already"
    printed = sum(
        p["channel"] == "print" for p in cli("batch", "show", "1", "--json").json()["packets"]
    )
    assert len(PdfReader(BytesIO(labels)).pages) == -(-(6 + printed) // sheet.per_sheet)


def test_a_repeat_inquirer_is_sent_only_what_is_new_unless_staff_ask_for_a_resend(
    cli: Cli, tmp_path: Path
) -> None:
    demo_center(cli)
    header = "external_id,received_at,name,address1,city,region,postcode,country,email,products"
    dana = "Dana Scott,7 Creek Rd,Modesto,CA,95354,US,dana@scott.example,PMP-100"
    (tmp_path / "monday.csv").write_text(f"{header}\nDS-1,2026-11-23,{dana}\n", encoding="utf-8")
    (tmp_path / "friday.csv").write_text(f"{header}\nDS-2,2026-11-26,{dana}\n", encoding="utf-8")
    assert cli("import", str(tmp_path / "monday.csv")).code == 0
    first = cli("batch", "run", "--date", "2026-11-24", "--json").json()
    (sent,) = cli("batch", "show", str(first["batch_id"]), "--json").json()["packets"]
    assert cli("scan", sent["number"]).code == 0
    assert cli("import", str(tmp_path / "friday.csv")).code == 0
    second_id = sent["inquiry_id"] + 1

    answered = cli("inquiry", "resend", str(sent["inquiry_id"]))
    assert answered.code == 1 and answered.stderr.count("\n") == 1
    assert f"already answered by packet {sent['number']}" in answered.stderr
    unknown = cli("inquiry", "resend", str(second_id), "--item", "BR-NOPE")
    assert unknown.code == 1 and "no literature item 'BR-NOPE'" in unknown.stderr
    asked = cli("inquiry", "resend", str(second_id), "--item", "br-pmp-100")
    assert asked.code == 0, asked.stderr
    assert f"Inquiry {second_id}: its packet sends BR-PMP-100 again" in asked.stdout

    later = cli("batch", "run", "--date", "2026-11-27", "--json").json()
    assert (later["packets"], later["inquiries_answered"]) == (1, 1)
    (packet,) = cli("batch", "show", str(later["batch_id"]), "--json").json()["packets"]
    items = {item["code"]: item for item in packet["items"]}
    assert items["BR-PMP-100"]["status"] == "picked", "sent again as staff asked"
    assert items["BR-PUMPS"]["status"] == "skipped" and "already_sent" in items["BR-PUMPS"]
    shown = cli("inquiry", "show", str(second_id))
    assert shown.code == 0, shown.stderr
    printed = rf"packet\s+{packet['number']} \(printed \d{{4}}-\d\d-\d\d\)"
    assert re.search(printed, shown.stdout), shown.stdout
    assert "resend" in shown.stdout, "the timeline shows staff's request"
