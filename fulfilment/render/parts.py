"""Long documents drawn a part at a time: consecutive PDFs, each cut where a page ends."""

from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from fulfilment.render.stationery import Paper


class PartedCanvas:
    """A canvas that, every `part_pages` pages, finishes the document so far as a part and
    starts the next page in a new one: pages stay in memory a part's worth at a time, and
    the parts joined in order are the one document.
    """

    def __init__(self, page: Paper, *, title: str, part_pages: int) -> None:
        self.page, self.title, self.part_pages = page, title, part_pages
        self._finished: list[bytes] = []
        self._start_part()

    def _start_part(self) -> None:
        self._buffer = BytesIO()
        self.canvas = Canvas(
            self._buffer, pagesize=(self.page.width, self.page.height), title=self.title
        )

    def new_page(self) -> None:
        """End the page; when it fills the part, the part too."""
        if self.canvas.getPageNumber() >= self.part_pages:
            self._finish_part()
            self._start_part()
        else:
            self.canvas.showPage()

    def take(self) -> list[bytes]:
        """The parts finished since the last take."""
        done, self._finished = self._finished, []
        return done

    def finish(self) -> list[bytes]:
        """End the last page and its part; the parts not taken yet."""
        self._finish_part()
        return self.take()

    def _finish_part(self) -> None:
        self.canvas.showPage()
        self.canvas.save()
        self._finished.append(self._buffer.getvalue())
