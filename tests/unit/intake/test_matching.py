"""Contact keys: the same person is recognised however the form was typed."""

from fulfilment.intake.matching import email_key, person_key


def test_email_key_ignores_case_and_surrounding_spaces() -> None:
    assert email_key("  Jane.Cooper@Bayview.EXAMPLE ") == email_key("jane.cooper@bayview.example")
    assert email_key("   ") is None


def test_person_key_folds_case_spacing_punctuation_and_width() -> None:
    assert person_key(name="Jane  Cooper", company="Bayview Foods, Inc.", postcode="sw1a 2aa") == (
        person_key(name="jane cooper", company="BAYVIEW FOODS INC", postcode="SW1A2AA")
    )
    assert person_key(name="ＡＢＣ", company="", postcode="") == person_key(
        name="abc", company="", postcode=""
    )


def test_person_key_tells_different_people_apart() -> None:
    base = {"name": "Jane Cooper", "company": "Bayview", "postcode": "94607"}
    assert person_key(**base) != person_key(**{**base, "postcode": "94608"})
    assert person_key(**base) != person_key(**{**base, "company": "Bayside"})
