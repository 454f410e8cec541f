"""Literature kinds and stock locations, in a module light enough for the CLI's help to name."""

KINDS = (
    "brochure",
    "catalogue",
    "case-study",
    "tech-sheet",
    "bulletin",
    "profile",
    "price-list",
    "supply",
)
LOCATIONS = ("shelf", "reserve")
