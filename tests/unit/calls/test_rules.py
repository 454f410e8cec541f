"""Which call each kind of inquiry gets: every response x timeframe x urgency, and rules typed
in litcenter.toml."""

from itertools import product
from pathlib import Path

import pytest

from fulfilment.calls.rules import FollowUpRules
from fulfilment.errors import BadInput
from fulfilment.settings import load_profile

RESPONSES = ("mail", "call", "both", "email")
TIMEFRAMES = ("immediate", "3m", "6m", "1y", "unknown")
URGENCIES = ("rush", "normal", "info")
AFTER_MAILING = {"immediate": 2, "3m": 5, "6m": 10, "1y": 20, "unknown": 5}


def expected(response: str, timeframe: str, urgency: str) -> tuple[int, str] | None:
    """The rules as the literature center states them: business days and what they count from."""
    if response in ("call", "both"):
        return (1, "received")
    if urgency == "info":
        return None
    if urgency == "rush":
        return (2, "mailed")
    return (AFTER_MAILING[timeframe], "mailed")


@pytest.mark.parametrize(
    ("response", "timeframe", "urgency"), list(product(RESPONSES, TIMEFRAMES, URGENCIES))
)
def test_the_default_rules(response: str, timeframe: str, urgency: str) -> None:
    rule = FollowUpRules().rule_for(response=response, timeframe=timeframe, urgency=urgency)
    assert rule is not None
    got = (rule.days, rule.after) if rule.call else None
    assert got == expected(response, timeframe, urgency)


@pytest.mark.parametrize("timeframe", TIMEFRAMES)
def test_a_packet_for_someone_who_asked_for_a_call_too_follows_its_mailing_rule(
    timeframe: str,
) -> None:
    rule = FollowUpRules().rule_for(
        response="both", timeframe=timeframe, urgency="normal", after="mailed"
    )
    assert rule is not None and (rule.days, rule.after) == (AFTER_MAILING[timeframe], "mailed")


def _profile(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "litcenter.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rules_typed_in_the_profile_replace_the_defaults(tmp_path: Path) -> None:
    path = _profile(
        tmp_path,
        "[follow_up]\nretry_days = 3\nrules = [\n"
        '  { timeframe = ["3M"], urgency = ["Rush"], days = 1, reason = "hot" },\n'
        '  { days = 7 },\n]\n',
    )
    rules = load_profile(path).follow_up
    assert rules.retry_days == 3
    hot = rules.rule_for(response="mail", timeframe="3m", urgency="rush")
    assert hot is not None and (hot.days, hot.reason) == (1, "hot")
    other = rules.rule_for(response="call", timeframe="3m", urgency="normal")
    assert other is not None and (other.days, other.after) == (7, "mailed")


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ('[{ urgency = ["rush"], days = 2 }]', "the last rule must fit every inquiry"),
        ('[{ timeframe = ["soon"], days = 2 }, { days = 5 }]', "timeframe 'soon' is not one of"),
        ('[{ days = -1 }]', "greater than or equal to 0"),
        ('[{ days = 3, after = "printed" }]', "received"),
    ],
)
def test_a_rule_that_cannot_work_is_one_line_naming_it(
    tmp_path: Path, rules: str, message: str
) -> None:
    path = _profile(tmp_path, f"[follow_up]\nrules = {rules}\n")
    with pytest.raises(BadInput, match="follow_up") as refused:
        load_profile(path)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)
