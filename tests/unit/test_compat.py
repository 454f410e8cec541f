"""The private library parts in fulfilment.compat still are what the project takes them for."""

import base64
import zlib
from io import BytesIO

import pytest
import typer
from pypdf import PdfReader
from pypdf.generic import StreamObject
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from fulfilment.compat import (
    ClickException,
    NoArgsIsHelpError,
    UsageError,
    canvas_operators,
    raw_stream,
)


def test_the_canvas_operators_are_the_live_list_of_the_current_page() -> None:
    canvas = Canvas(BytesIO())
    operators = canvas_operators(canvas)
    canvas.line(0, 0, 10, 10)
    canvas.addLiteral("0 0 m")
    assert canvas_operators(canvas) is operators, "the same list while the page lasts"
    assert operators[-1] == "0 0 m"
    assert any(op.endswith(" l S") or " l " in op for op in operators[:-1]), operators
    canvas.showPage()
    assert canvas_operators(canvas) is not operators, "a new page starts a new list"


def test_a_raw_stream_is_the_encoded_bytes_as_read() -> None:
    out = BytesIO()
    canvas = Canvas(out, pageCompression=1)
    canvas.drawString(72, 72, "Pump Literature Desk")
    canvas.save()
    content = PdfReader(BytesIO(out.getvalue())).pages[0]["/Contents"].get_object()
    assert isinstance(content, StreamObject)
    raw = raw_stream(content)
    given = content["/Filter"]
    filters = [str(f) for f in given] if isinstance(given, list) else [str(given)]
    # Whether ReportLab adds ASCII85 depends on its settings; the project's leave only Flate.
    encoded = base64.a85decode(raw.strip(), adobe=True) if "/ASCII85Decode" in filters else raw
    assert "/FlateDecode" in filters
    assert zlib.decompress(encoded) == content.get_data(), "the bytes as the file holds them"
    assert b"Pump Literature Desk" in content.get_data()


def test_typer_raises_the_click_errors_the_cli_catches() -> None:
    app = typer.Typer(no_args_is_help=True)

    @app.command()
    def first(count: int) -> None:
        """One command."""

    @app.command()
    def second() -> None:
        """Another, so the app has sub-commands and shows help without arguments."""

    with pytest.raises(NoArgsIsHelpError):
        app([], standalone_mode=False)
    with pytest.raises(UsageError) as refused:
        app(["first", "many"], standalone_mode=False)
    assert isinstance(refused.value, ClickException)
    assert "'count'" in refused.value.format_message()
    assert CliRunner().invoke(app, ["first", "3"]).exit_code == 0
