"""ReportLab output settings for print work: binary streams, pages without default entries."""

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFPage
from reportlab.pdfgen.canvas import Canvas

# ASCII85 makes every stream a quarter larger and, without ReportLab's optional C
# accelerator, costs about as much time as drawing the labels it encodes.
rl_config.useA85 = 0


class PrintCanvas(Canvas):
    """A canvas for pages of text and vectors, written without entries no reader needs."""

    def _setXObjects(self, thing: object) -> None:
        # ReportLab writes "/Rotate 0 /Trans << >>" and the image procedure sets on every
        # page, which no reader needs here; the batch reads every page back and pays for each
        # entry. This is the last hook showPage calls before the page is kept.
        super()._setXObjects(thing)
        if isinstance(thing, PDFPage):
            thing.Rotate = None
            thing.Trans = None
            thing.hasImages = 0
