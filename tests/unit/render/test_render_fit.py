"""Fitting lines into a box: shrink first, then cut, never spill."""

from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from fulfilment.render.fit import ELLIPSIS, fit_lines
from fulfilment.render.geometry import TextStyle

STYLE = TextStyle(font_size=10, min_font_size=6, leading=1.2)


def _height(count: int, size: float) -> float:
    return size * (1 + (count - 1) * STYLE.leading)


def test_short_lines_keep_the_full_size() -> None:
    fitted = fit_lines(["Jane Doe", "1 Main St"], 200, 100, STYLE)

    assert fitted.size == 10 and fitted.lines == ("Jane Doe", "1 Main St")


def test_a_wide_line_shrinks_all_lines_alike() -> None:
    line = "A rather long line of text"
    fitted = fit_lines([line, "short"], stringWidth(line, "Helvetica", 8), 100, STYLE)

    assert fitted.size == 8 and fitted.lines == (line, "short")


def test_below_the_minimum_long_lines_are_cut_with_an_ellipsis() -> None:
    fitted = fit_lines(["x" * 200, "short"], 100, 100, STYLE)

    assert fitted.size == 6
    assert (
        fitted.lines[0].endswith(ELLIPSIS) and stringWidth(fitted.lines[0], "Helvetica", 6) <= 100
    )
    assert fitted.lines[1] == "short"


def test_too_many_lines_drop_from_the_second_keeping_the_postal_end() -> None:
    lines = ["NAME", "TITLE", "COMPANY", "STREET", "CITY", "COUNTRY"]

    fitted = fit_lines(lines, 200, _height(4, 6), STYLE)

    assert fitted.lines == ("NAME", "STREET", "CITY", "COUNTRY")


def test_chinese_lines_use_the_cid_font() -> None:
    fitted = fit_lines(["王小明", "Berlin"], 200, 100, STYLE)

    assert fitted.fonts == ("STSong-Light", "Helvetica")


@given(
    lines=st.lists(
        st.text(alphabet=st.characters(codec="latin-1", exclude_categories=["Cc"]), max_size=80),
        max_size=10,
    ),
    width=st.floats(20, 300),
    height=st.floats(8, 120),
)
def test_fitted_text_never_spills(lines: list[str], width: float, height: float) -> None:
    fitted = fit_lines(lines, width, height, STYLE)

    assert fitted.size <= STYLE.font_size
    assert _height(len(fitted.lines), fitted.size) <= height + 1e-6
    for line, font in zip(fitted.lines, fitted.fonts, strict=True):
        assert stringWidth(line, font, fitted.size) <= width + 1e-6
