"""Sample packets for the render tests and benchmarks."""

from dataclasses import replace
from datetime import date

from fulfilment.render.packet import (
    CompanyProfile,
    CoOccurrence,
    Enclosure,
    LabelSetup,
    PacketData,
    Product,
    ProductRelation,
    PublicationNote,
    Ranking,
    Recipient,
    Rep,
)

COMPANY = CompanyProfile(
    name="Example Industries",
    return_address=("Example Industries", "100 Main Street", "Springfield IL 62701"),
    phone="+1 217 555 0100",
    teasers={"en": "Here is the information you requested", "zh": "您索取的资料在此"},
)

_FAMILIES = {
    "Pumps": [
        ("P-100", "Centrifugal pump CP-100", "End-suction pump for clean water, 5-50 m3/h"),
        ("P-200", "Multistage pump MS-200", "High-head boiler feed and pressure boosting"),
        ("P-300", "Submersible pump SB-300", "Drainage and sewage, cast-iron body"),
        ("P-400", "Dosing pump DP-40", "Diaphragm dosing for chemicals, 0.1-40 l/h"),
        ("P-500", "Self-priming pump SP-55", "Suction lift to 8 m for irrigation"),
    ],
    "Valves": [
        ("V-100", "Gate valve GV-16", "PN16 flanged, ductile iron"),
        ("V-200", "Butterfly valve BF-10", "Wafer type with lever or gearbox"),
        ("V-300", "Check valve CV-25", "Swing check, stainless disc"),
        ("V-400", "Pressure relief valve PR-6", "Set 1-16 bar, brass"),
    ],
    "Controls": [
        ("C-100", "Pump controller PC-1", "Start/stop by level or pressure, alarms"),
        ("C-200", "Variable speed drive VSD-7", "0.75-7.5 kW, saves up to 40% energy"),
        ("C-300", "Level sensor LS-2", "Float and probe types, 4-20 mA"),
        ("C-400", "Pressure transmitter PT-10", "0-10 bar, IP67"),
    ],
    "Service": [
        ("S-100", "Installation kit IK-1", "Couplings, gaskets and anchor bolts"),
        ("S-200", "Maintenance contract MC", "Yearly inspection and spare parts"),
        ("S-300", "Seal kit SK-100", "Mechanical seals for the CP-100"),
    ],
    "Tanks": [
        ("T-100", "Pressure tank PT-60", "60 l diaphragm tank for booster sets"),
        ("T-200", "Break tank BT-500", "500 l polyethylene, with float valve"),
    ],
}

PRODUCT_RANGE = tuple(
    Product(code=code, name=name, family=family, description=description)
    for family, products in _FAMILIES.items()
    for code, name, description in products
)
_BY_CODE = {product.code: product for product in PRODUCT_RANGE}

RANKING = Ranking(
    relations=(
        ProductRelation("P-100", "S-300", 2.0),
        ProductRelation("P-100", "C-100", 1.0),
        ProductRelation("P-200", "T-100", 1.5),
        ProductRelation("P-200", "C-200", 1.0),
    ),
    co_occurrences=(
        CoOccurrence("P-100", "V-100", 40),
        CoOccurrence("P-100", "C-200", 25),
        CoOccurrence("P-200", "V-400", 12),
        CoOccurrence("V-100", "V-300", 30),
    ),
)

_ENCLOSURES = (
    Enclosure(code="L-CP100", title="Centrifugal pumps CP series", kind="brochure", shelf="A-02"),
    Enclosure(code="L-PRICE", title="Price list 2026", kind="price-list", shelf="A-10"),
    Enclosure(
        code="L-CAT", title="Full product catalogue", kind="catalogue", enclosed=False, shelf="C-01"
    ),
)

US_PACKET = PacketData(
    number="P2026-11-23-00042",
    date=date(2026, 11, 23),
    language="en",
    company=COMPANY,
    recipient=Recipient(
        name="Jane Doe",
        title="Purchasing Manager",
        company="Acme Water Works",
        address_lines=("1600 Amphitheatre Pkwy", "MOUNTAIN VIEW, CA 94043"),
        postcode="94043",
        country="US",
    ),
    products=(_BY_CODE["P-100"], _BY_CODE["V-100"]),
    enclosures=_ENCLOSURES,
    rep=Rep("Robert Miller", "+1 217 555 0123", "robert.miller@example.com"),
    call_date=date(2026, 12, 7),
    product_range=PRODUCT_RANGE,
    ranking=RANKING,
    envelope="us10",
    labels=LabelSetup("avery-5160"),
    publication_note=PublicationNote("Water Engineering Monthly", 17),
)

DE_PACKET = replace(
    US_PACKET,
    number="P2026-11-23-00043",
    recipient=Recipient(
        name="Dr. Anna Schmidt",
        title="Technische Leitung",
        company="Stadtwerke Musterstadt GmbH",
        address_lines=("Hauptstraße 12", "10115 Berlin", "GERMANY"),
        postcode="10115",
        country="DE",
    ),
    products=(_BY_CODE["P-200"],),
    envelope="dl",
    labels=LabelSetup("avery-l7160"),
    publication_note=None,
)

CN_PACKET = replace(
    US_PACKET,
    number="P2026-11-23-00044",
    language="zh",
    recipient=Recipient(
        name="王小明",
        title="经理",
        company="上海水务工程有限公司",
        address_lines=("200120", "上海市浦东新区", "世纪大道100号", "CHINA"),
        postcode="200120",
        country="CN",
    ),
    products=(_BY_CODE["P-100"],),
    enclosures=(
        Enclosure(code="L-CP100-ZH", title="CP系列离心泵", kind="brochure", shelf="B-03"),
        Enclosure(
            code="L-CAT-ZH", title="产品总目录", kind="catalogue", enclosed=False, shelf="C-02"
        ),
    ),
    rep=Rep("李华", "+86 21 5555 0100", "li.hua@example.com"),
    envelope="dl",
    labels=LabelSetup("avery-l7163"),
    publication_note=PublicationNote("水处理技术", 23),
)


_GIVEN = ("Jane", "Omar", "Li", "Maria", "Kenji", "Ada", "Piotr", "Amara", "Sven", "Lucia", "Ravi")
_FAMILY = ("Doe", "Schmidt", "Chen", "Garcia", "Sato", "Okafor", "Novak", "Rossi", "Berg", "Khan")
_CN_NAMES = ("王小明", "李雷", "张伟", "刘洋", "陈静", "杨帆", "赵敏")


def _recipient(sample: Recipient, index: int) -> Recipient:
    """The sample's recipient as a different person at a different house number."""
    pairs = len(_GIVEN) * len(_FAMILY)
    initial = f" {chr(ord('A') + index // pairs % 26)}." if index >= pairs else ""
    name = f"{_GIVEN[index % len(_GIVEN)]}{initial} {_FAMILY[index // len(_GIVEN) % len(_FAMILY)]}"
    lines: tuple[str, ...]
    if sample.country == "CN":
        name = _CN_NAMES[index % len(_CN_NAMES)]
        lines = ("200120", "上海市浦东新区", f"世纪大道{index + 1}号", "CHINA")
    elif sample.country == "DE":
        lines = (f"Hauptstraße {index + 1}", "10115 Berlin", "GERMANY")
    else:
        lines = (f"{index + 100} Amphitheatre Pkwy", "MOUNTAIN VIEW, CA 94043")
    return replace(sample, name=name, address_lines=lines)


def sample_packets(count: int, first: int = 0) -> list[PacketData]:
    """`count` packets from number `first` + 1 on, cycling through the US, German and Chinese
    samples, each to its own person."""
    samples = (US_PACKET, DE_PACKET, CN_PACKET)
    return [
        replace(
            samples[index % 3],
            number=f"P2026-11-23-{index + 1:05d}",
            recipient=_recipient(samples[index % 3].recipient, index),
        )
        for index in range(first, first + count)
    ]
