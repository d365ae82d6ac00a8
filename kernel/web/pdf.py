"""What every PDF the platform renders shares: an A4 page with 2 cm margins, a two-column table of
labels and values, and multi-line text kept as lines."""

from collections.abc import Iterable
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle


def paragraphs(text: str) -> str:
    """`text` escaped, its line breaks kept; an em dash when empty."""
    return "<br/>".join(escape(line) for line in (text or "").splitlines()) or "—"


def label_table(
    rows: Iterable[tuple[str, str] | list[str]],
    body: ParagraphStyle,
    *,
    label_width: float = 4.5 * cm,
    multiline: bool = False,
) -> Table:
    """Labels in bold on a grey column, values beside them (`multiline`: kept as lines)."""
    table = Table(
        [
            [
                Paragraph(f"<b>{escape(str(label))}</b>", body),
                Paragraph(paragraphs(value) if multiline else escape(str(value)), body),
            ]
            for label, value in rows
        ],
        colWidths=[label_width, 17 * cm - label_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
            ]
        )
    )
    return table


def build_pdf(story: list[Flowable], *, title: str, author: str) -> bytes:
    """The story on A4 pages with 2 cm margins, as the PDF's bytes."""
    buffer = BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=title,
        author=author,
    ).build(story)
    return buffer.getvalue()
