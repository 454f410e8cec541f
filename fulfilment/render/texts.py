"""Letter texts from sandboxed Jinja2 templates, as ReportLab paragraph markup."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from fulfilment.errors import BadInput
from fulfilment.render.fonts import escape_text, wrap_cjk
from fulfilment.render.geometry import read_data
from fulfilment.render.locate import template_file, template_roots
from fulfilment.render.packet import PacketData

_BLANK_LINE = re.compile(r"\n\s*\n")
_WHITESPACE = re.compile(r"\s+")
# Chinese sets no space between sentences: line breaks in a template between two
# Chinese characters or punctuation marks join without one.
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_IN_CHINESE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


@cache
def _environment() -> SandboxedEnvironment:
    # Every {{ value }} passes through `escape_text`: user data prints literally, never
    # as template source or paragraph tags.
    return SandboxedEnvironment(
        loader=FileSystemLoader([root / "letters" for root in template_roots()]),
        autoescape=True,
        finalize=escape_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


@cache
def _template(name: str, language: str) -> Template:
    try:
        return _environment().get_template(f"{language}/{name}.j2")
    except TemplateError as error:
        raise BadInput(f"letter template {language}/{name}.j2 cannot be used: {error}") from None


@dataclass(frozen=True)
class Block:
    """One paragraph of a piece; bullets come from template lines starting "- "."""

    text: Markup
    bullet: bool = False


def _one_line(text: str) -> Markup:
    # Tags and entities are ASCII, so wrapping the runs of other characters keeps them intact.
    return wrap_cjk(_SPACE_IN_CHINESE.sub("", _WHITESPACE.sub(" ", text).strip()))


def _blocks(raw: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in _BLANK_LINE.split(raw):
        plain: list[str] = []
        for line in chunk.splitlines():
            if line.lstrip().startswith("- "):
                if plain:
                    blocks.append(Block(_one_line(" ".join(plain))))
                    plain = []
                blocks.append(Block(_one_line(line.lstrip()[2:]), bullet=True))
            elif line.strip():
                plain.append(line)
        if plain:
            blocks.append(Block(_one_line(" ".join(plain))))
    return blocks


class Texts:
    """The named pieces of one rendered template, each as paragraph markup."""

    def __init__(self, name: str, language: str, values: dict[str, Any]) -> None:
        self._source = f"{language}/{name}.j2"
        try:
            self._module = _template(name, language).make_module(values)
        except TemplateError as error:
            raise BadInput(f"letter template {self._source} failed: {error}") from None

    def _raw(self, piece: str) -> str:
        if not hasattr(self._module, piece):
            raise BadInput(f"letter template {self._source} does not set {piece!r}; add it back")
        return str(getattr(self._module, piece))

    def __getitem__(self, piece: str) -> Markup:
        return _one_line(self._raw(piece))

    def blocks(self, piece: str) -> list[Block]:
        """A piece split into paragraphs at blank lines and bullets."""
        return _blocks(self._raw(piece))


@cache
def kind_labels(language: str) -> Mapping[str, str]:
    """What letters in `language` call each kind of literature, from its kinds.toml."""
    # Read-only: the parsed file is cached and shared by every letter of the process.
    return MappingProxyType(read_data(template_file("letters", language, "kinds.toml")))


def packet_values(packet: PacketData, **extra: Any) -> dict[str, Any]:
    """The values every letter-language template of a packet can use."""
    return {
        "number": packet.number,
        "date": packet.date,
        "language": packet.language,
        "company": packet.company,
        "recipient": packet.recipient,
        "products": packet.products,
        "enclosed": packet.enclosed,
        "separate_cover": packet.separate_cover,
        "rep": packet.rep,
        "reps": packet.all_reps,
        "already_sent": packet.already_sent,
        "call_date": packet.call_date,
        "note": packet.publication_note,
        "follow_up": packet.follow_up,
        "kinds": kind_labels(packet.language),
        **extra,
    }
