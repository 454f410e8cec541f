"""When a follow-up call is due, as data: rules by response, timeframe and urgency."""

from typing import Literal, Self

from pydantic import BaseModel, Field, field_validator, model_validator

from fulfilment.intake.values import RESPONSES, TIMEFRAMES, URGENCIES

Basis = Literal["received", "mailed"]


class CallRule(BaseModel):
    """One rule: the inquiries it fits (an empty list fits any value) and their call.

    `days` are business days of the rep's calendar after `after` (receipt, or the mailing of
    the packet); `call = false` books no call at all.
    """

    response: list[str] = Field(default_factory=list)
    timeframe: list[str] = Field(default_factory=list)
    urgency: list[str] = Field(default_factory=list)
    call: bool = True
    days: int = Field(default=0, ge=0, le=250)
    after: Basis = "mailed"
    reason: str = ""

    @field_validator("response")
    @classmethod
    def _responses(cls, values: list[str]) -> list[str]:
        return _known(values, RESPONSES, "response")

    @field_validator("timeframe")
    @classmethod
    def _timeframes(cls, values: list[str]) -> list[str]:
        return _known(values, tuple(dict.fromkeys(TIMEFRAMES.values())), "timeframe")

    @field_validator("urgency")
    @classmethod
    def _urgencies(cls, values: list[str]) -> list[str]:
        return _known(values, tuple(dict.fromkeys(URGENCIES.values())), "urgency")

    def fits(self, *, response: str, timeframe: str, urgency: str) -> bool:
        """Whether an inquiry with these values falls under this rule."""
        return all(
            not wanted or value in wanted
            for wanted, value in (
                (self.response, response),
                (self.timeframe, timeframe),
                (self.urgency, urgency),
            )
        )

    @property
    def catches_all(self) -> bool:
        return not (self.response or self.timeframe or self.urgency)


def _known(values: list[str], known: tuple[str, ...], name: str) -> list[str]:
    lowered = [value.strip().lower() for value in values]
    unknown = [value for value in lowered if value not in known]
    if unknown:
        raise ValueError(f"{name} {unknown[0]!r} is not one of {', '.join(known)}")
    return lowered


def _default_rules() -> list[CallRule]:
    return [
        CallRule(response=["call", "both"], days=1, after="received", reason="asked for a call"),
        CallRule(urgency=["info"], call=False),
        CallRule(urgency=["rush"], days=2, reason="rush"),
        CallRule(timeframe=["immediate"], days=2, reason="buying now"),
        CallRule(timeframe=["3m"], days=5, reason="buying within 3 months"),
        CallRule(timeframe=["6m"], days=10, reason="buying within 6 months"),
        CallRule(timeframe=["1y"], days=20, reason="buying within a year"),
        CallRule(days=5, reason="after mailing"),
    ]


class FollowUpRules(BaseModel):
    """The `[follow_up]` table of litcenter.toml: the rules (first fit wins), transit and tries."""

    rules: list[CallRule] = Field(default_factory=_default_rules)
    # Business days a printed packet takes to arrive, counted when it was never scanned.
    transit_days: int = Field(default=3, ge=0, le=60)
    transit_days_international: int = Field(default=7, ge=0, le=60)
    # An unanswered call is tried again this many business days later, up to max_tries calls.
    retry_days: int = Field(default=2, ge=1, le=60)
    max_tries: int = Field(default=4, ge=1, le=20)

    @model_validator(mode="after")
    def _ends_with_a_catch_all(self) -> Self:
        if not self.rules or not self.rules[-1].catches_all:
            raise ValueError(
                "the last rule must fit every inquiry (no response, timeframe or urgency), "
                "so each inquiry has a rule"
            )
        return self

    def rule_for(
        self, *, response: str, timeframe: str, urgency: str, after: Basis | None = None
    ) -> CallRule | None:
        """The first rule that fits an inquiry; with `after`, the first of the rules counting
        from then (or booking no call), None when no such rule fits."""
        return next(
            (
                rule
                for rule in self.rules
                if (after is None or not rule.call or rule.after == after)
                and rule.fits(response=response, timeframe=timeframe, urgency=urgency)
            ),
            None,
        )
