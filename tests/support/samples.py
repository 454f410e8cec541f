"""Small sample files for intake tests, written the way staff and web forms write them."""

import csv
import json
from pathlib import Path
from typing import Any

PRODUCTS = """code,name,family,description,related
PMP-100,Centrifugal Pump CP-100,Pumps,Clean water pump,VLV-20
PMP-250,Process Pump PP-250,Pumps,Stainless process pump,VLV-20;SNS-P1
VLV-20,Ball Valve BV-20,Valves,Brass ball valve,PMP-100
SNS-P1,Pressure Sensor PS-1,Sensors,Pressure transmitter,
SW-MON,PlantWatch,Software,Monitoring,SNS-P1
"""

REPS = """code,name,email,phone,countries,regions,postcode_prefixes,families
R-US,Sam Carter,sam@example.com,+1 217 555 0100,US,,,
R-CA,Maria Lopez,maria@example.com,+1 415 555 0134,US,CA,,
R-SF,Priya Shah,priya@example.com,+1 415 555 0199,US,CA,941,
R-SW,Tom Baker,tom@example.com,,US,,,Software
R-CN,王丽,wang.li@example.cn,,CN,,,
"""

GOOD = {
    "external_id": "W-1",
    "received_at": "2026-11-20T09:30:00",
    "name": "Jane Cooper",
    "title": "Plant Engineer",
    "company": "Bayview Foods",
    "address1": "1200 Harbor Blvd",
    "city": "Oakland",
    "region": "CA",
    "postcode": "94607",
    "country": "US",
    "email": "jane.cooper@bayview.example",
    "products": "PMP-250;VLV-20",
    "source": "Trade show",
    "source_detail": "PumpTec 2026",
    "response": "both",
    "timeframe": "3 months",
    "urgency": "rush",
    "use": "Replacing two pumps",
}

CHINESE = {
    "external_id": "W-CN",
    "received_at": "2026-11-21",
    "name": "王伟",
    "title": "采购经理",
    "company": "上海华东化工有限公司",
    "address1": "世纪大道100号",
    "city": "浦东新区",
    "region": "上海市",
    "postcode": "200120",
    "country": "CN",
    "products": "PMP-250",
}


def write_csv(path: Path, rows: list[dict[str, Any]], *, bom: bool = False) -> Path:
    """Write rows under the union of their keys, in first-seen order."""
    headers = list(dict.fromkeys(key for row in rows for key in row))
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=headers)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_json(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def reference_files(folder: Path) -> tuple[Path, Path]:
    """The sample products and reps CSV files."""
    products, reps = folder / "products.csv", folder / "reps.csv"
    products.write_text(PRODUCTS, encoding="utf-8")
    reps.write_text(REPS, encoding="utf-8")
    return products, reps
