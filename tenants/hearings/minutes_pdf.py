"""The minutes (ata) of a hearing as a PDF, rendered on request from the recorded rows."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shared import formats
from shared.procons.models import Procon
from tenants.hearings.models import ConciliationHearing


def _paragraphs(text: str) -> str:
    return "<br/>".join(escape(line) for line in text.splitlines()) or "—"


def minutes_pdf(hearing: ConciliationHearing, *, procon: Procon) -> bytes:
    minutes = hearing.minutes
    complaint = hearing.complaint
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    starts = timezone.localtime(hearing.starts_at)
    ends = timezone.localtime(hearing.ends_at)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=_("Minutes of the conciliation hearing – %(number)s") % {"number": complaint.number},
        author=procon.name,
    )
    rows = [
        [_("Complaint"), complaint.number],
        [_("Consumer"), complaint.consumer.full_name],
        [
            _("Company"),
            f"{complaint.company.legal_name} — {complaint.company.document_display}",
        ],
        [_("Date"), formats.long_date(starts)],
        [_("Time"), f"{starts:%H:%M}–{ends:%H:%M} ({formats.time_zone_name()})"],
        [_("Conciliator"), hearing.conciliator.full_name],
        [_("Outcome"), str(minutes.get_outcome_display())],
    ]
    if minutes.agreement_due_on is not None:
        rows.append([_("Agreement due on"), formats.short_date(minutes.agreement_due_on)])
    table = Table(
        [
            [Paragraph(f"<b>{escape(str(k))}</b>", body), Paragraph(escape(str(v)), body)]
            for k, v in rows
        ],
        colWidths=[4.5 * cm, 12.5 * cm],
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
    story = [
        Paragraph(escape(procon.name), styles["Title"]),
        Paragraph(escape(_("Minutes of the conciliation hearing")), styles["Heading2"]),
        Spacer(1, 0.3 * cm),
        table,
        Spacer(1, 0.5 * cm),
        Paragraph(escape(_("Summary")), styles["Heading3"]),
        Paragraph(_paragraphs(minutes.summary), body),
    ]
    if minutes.agreement_terms:
        story += [
            Paragraph(escape(_("Terms of the agreement")), styles["Heading3"]),
            Paragraph(_paragraphs(minutes.agreement_terms), body),
        ]
    story += [
        Spacer(1, 0.8 * cm),
        Paragraph(
            escape(
                _("Recorded by %(name)s on %(when)s.")
                % {
                    "name": minutes.recorded_by.full_name,
                    "when": formats.date_time(minutes.recorded_at),
                }
            ),
            styles["Italic"],
        ),
    ]
    document.build(story)
    return buffer.getvalue()
