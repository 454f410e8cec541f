"""Letter texts: sandboxed templates, user data printed literally, paragraphs and bullets."""

import re
from dataclasses import replace
from datetime import date

import pytest
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from fulfilment.errors import BadInput
from fulfilment.render.fonts import escape_text, markup, wrap_cjk
from fulfilment.render.locate import locate_templates
from fulfilment.render.packet import AlreadySent, Enclosure, PacketData, Rep
from fulfilment.render.texts import Texts, _blocks, _environment, kind_labels, packet_values
from inventory.kinds import KINDS
from tests.support.render_samples import CN_PACKET, US_PACKET


def test_values_print_as_typed_never_as_template_source_or_tags() -> None:
    template = _environment().from_string("Dear {{ name }},")

    out = template.render(name="{{ 7*7 }} <b>&amp;</b>\nnext")

    assert out == "Dear {{ 7*7 }} &lt;b&gt;&amp;amp;&lt;/b&gt; next,"
    assert Paragraph(out, ParagraphStyle("p")).getPlainText() == "Dear {{ 7*7 }} <b>&amp;</b> next,"


def test_templates_run_in_the_sandbox() -> None:
    assert isinstance(_environment(), SandboxedEnvironment)
    with pytest.raises(SecurityError):
        _environment().from_string("{{ company.__class__.__mro__ }}").render(
            company=US_PACKET.company
        )


def test_markup_wraps_chinese_runs_in_the_cid_font_and_escapes() -> None:
    assert markup("A & 王 b") == 'A &amp; <font name="STSong-Light">王</font> b'
    assert wrap_cjk("plain") == "plain"
    assert escape_text(None) == ""


def test_blocks_split_at_blank_lines_and_bullets() -> None:
    blocks = _blocks("First line\ncontinues.\n\nEnclosed:\n- one\n- two\nAfter.\n")

    assert [(str(block.text), block.bullet) for block in blocks] == [
        ("First line continues.", False),
        ("Enclosed:", False),
        ("one", True),
        ("two", True),
        ("After.", False),
    ]


def test_chinese_lines_join_without_spaces() -> None:
    assert str(_blocks("感谢您的关注。\n您也可以\n直接拨打 +86")[0].text).startswith(
        '<font name="STSong-Light">感谢您的关注。您也可以直接拨打</font> +86'
    )


def test_letter_pieces_exist_in_every_language() -> None:
    for packet in (US_PACKET, CN_PACKET):
        texts = Texts("letter", packet.language, packet_values(packet))
        for piece in ("info", "salutation", "closing", "signature"):
            assert str(texts[piece])
        assert texts.blocks("body")


@pytest.mark.parametrize(
    "language",
    sorted(path.name for path in (locate_templates() / "letters").iterdir() if path.is_dir()),
)
def test_every_letter_language_names_every_kind_of_literature(language: str) -> None:
    # Supplies (envelopes, label sheets) are never listed in a letter.
    literature = set(KINDS) - {"supply"}

    labels = kind_labels(language)

    assert all(labels.get(kind) for kind in literature), sorted(literature - labels.keys())


def test_a_missing_piece_or_a_broken_template_is_one_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = Texts("cross_sell", "en", packet_values(US_PACKET, asked=[], suggested=[]))
    with pytest.raises(BadInput, match="does not set 'postscript'"):
        texts["postscript"]

    broken = _environment().from_string("{% set title %}{{ rep.name.nonexistent }}{% endset %}")
    monkeypatch.setattr("fulfilment.render.texts._template", lambda name, language: broken)
    with pytest.raises(BadInput, match="en/letter.j2 failed"):
        Texts("letter", "en", packet_values(US_PACKET))


def _body(packet: PacketData) -> str:
    texts = Texts("letter", packet.language, packet_values(packet))
    return re.sub(r"<[^>]+>", "", " ".join(str(block.text) for block in texts.blocks("body")))


def test_a_letter_names_what_the_contact_has_new_editions_and_every_rep() -> None:
    had = (
        AlreadySent(code="BR-1", title="Diskettes", kind="brochure", sent_on=date(2026, 11, 2)),
        AlreadySent(code="CAT", title="Catalogue", kind="catalogue", sent_on=date(2026, 11, 2)),
        AlreadySent(code="TS-9", title="Toner", kind="tech-sheet", sent_on=date(2026, 9, 1)),
    )
    newer = Enclosure(code="BR-2", title="Paper", kind="brochure", new_edition=True)
    other = Rep(name="Bo Roe", phone="+1 555 0199", email="bo@example.com")
    packet = replace(
        US_PACKET, enclosures=(newer,), already_sent=had, reps=(US_PACKET.rep, other)
    )

    body = _body(packet)

    assert "Paper (brochure, BR-2, new edition)" in body
    assert (
        "You received our Toner (technical data sheet, TS-9) on September 1, 2026 and our "
        "Diskettes (brochure, BR-1) and our Catalogue (catalogue, CAT) on November 2, 2026; "
        "they are not enclosed again." in body
    )
    assert f"{US_PACKET.rep.name} and Bo Roe of our sales team will call you" in body
    assert "Bo Roe on +1 555 0199 or at bo@example.com" in body

    chinese = _body(replace(CN_PACKET, already_sent=had[:1], enclosures=(newer,)))
    assert "新版" in chinese and "此次不再重复寄送" in chinese and "2026年11月2日" in chinese


def test_a_letter_with_nothing_left_to_enclose_still_answers_and_names_the_rep() -> None:
    had = AlreadySent(code="BR-1", title="Diskettes", kind="brochure", sent_on=date(2026, 11, 2))

    body = _body(replace(US_PACKET, enclosures=(), already_sent=(had,)))

    assert "Enclosed you will find" not in body
    assert "it is not enclosed again" in body
    assert f"{US_PACKET.rep.name} of our sales team will call you" in body
