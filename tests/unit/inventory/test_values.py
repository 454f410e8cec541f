"""Drafts, requests and outcomes: the plain values the stock system checks and returns."""

from inventory.allocation import Outcome, Request, Shortage
from inventory.items import ItemDraft


def test_a_good_draft_has_no_problems() -> None:
    draft = ItemDraft(code="br-pmp.2026", title="Pumps", kind="case-study", substitutes=["X"])
    assert draft.problems() == []


def test_a_bad_draft_lists_every_problem() -> None:
    draft = ItemDraft(
        code="bad code!", title=" ", kind="flyer", shelf="x" * 41, weight_g=-1,
        reorder_point=-2, substitutes=["BAD CODE!"],
    )  # fmt: skip

    problems = draft.problems()

    assert len(problems) == 7
    assert problems[2] == (
        "kind 'flyer' is not one of: brochure, catalogue, case-study, tech-sheet, bulletin, "
        "profile, price-list, supply"
    )
    assert "weight g must not be negative, not -1" in problems


def test_an_outcome_knows_when_it_was_substituted() -> None:
    assert Outcome("P-1", "BR-A", 1, "reserved", "BR-B").substituted
    assert not Outcome("P-1", "BR-A", 1, "reserved", "BR-A").substituted
    assert not Outcome("P-1", "BR-A", 1, "backordered", None).substituted


def test_a_shortage_names_the_first_ten_requests_on_one_line() -> None:
    shortage = Shortage([Request(f"P-{n}", "BR-A", 1) for n in range(12)])
    message = str(shortage)
    assert message.startswith("not enough stock for 12 request(s) (P-0: 1 x BR-A, ")
    assert "P-9: 1 x BR-A and 2 more" in message
    assert "\n" not in message and len(shortage.shortfalls) == 12
