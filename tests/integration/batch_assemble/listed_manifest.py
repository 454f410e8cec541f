"""A manifest source over lines at hand, totalled in Python, for the manifest's own tests."""

from collections.abc import Iterator, Sequence

from fulfilment.render.manifest import ManifestSummary, Totals
from fulfilment.render.packet import ManifestLine


class ListedManifest:
    """The lines of a list, as the batch's stored source gives them from the database."""

    def __init__(self, lines: Sequence[ManifestLine]) -> None:
        self.lines = lines

    def summary(self) -> ManifestSummary:
        return ManifestSummary(
            grand=Totals(len(self.lines), sum(line.weight_g for line in self.lines)),
            classes=self._totals([line.postage_class for line in self.lines]),
            countries=self._totals([line.country for line in self.lines]),
        )

    def in_packet_order(self) -> Iterator[ManifestLine]:
        return iter(self.lines)

    def of_class(self, postage_class: str) -> Iterator[ManifestLine]:
        return (line for line in self.lines if line.postage_class == postage_class)

    def _totals(self, values: list[str]) -> dict[str, Totals]:
        return {
            value: Totals(
                values.count(value),
                sum(line.weight_g for line, v in zip(self.lines, values) if v == value),
            )
            for value in sorted(set(values))
        }
