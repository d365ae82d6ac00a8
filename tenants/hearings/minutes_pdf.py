"""The minutes (ata) of a hearing as a PDF, rendered on request from the recorded rows."""

from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer

from kernel.web.pdf import build_pdf, label_table, paragraphs
from shared import formats
from shared.procons.models import Procon
from tenants.hearings.models import ConciliationHearing


def minutes_pdf(hearing: ConciliationHearing, *, procon: Procon) -> bytes:
    minutes = hearing.minutes
    complaint = hearing.complaint
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    starts = timezone.localtime(hearing.starts_at)
    ends = timezone.localtime(hearing.ends_at)
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
    story = [
        Paragraph(escape(procon.name), styles["Title"]),
        Paragraph(escape(_("Minutes of the conciliation hearing")), styles["Heading2"]),
        Spacer(1, 0.3 * cm),
        label_table(rows, body),
        Spacer(1, 0.5 * cm),
        Paragraph(escape(_("Summary")), styles["Heading3"]),
        Paragraph(paragraphs(minutes.summary), body),
    ]
    if minutes.agreement_terms:
        story += [
            Paragraph(escape(_("Terms of the agreement")), styles["Heading3"]),
            Paragraph(paragraphs(minutes.agreement_terms), body),
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
    return build_pdf(
        story,
        title=_("Minutes of the conciliation hearing – %(number)s") % {"number": complaint.number},
        author=procon.name,
    )
