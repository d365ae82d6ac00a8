"""The minutes (ata) of a hearing as a PDF, rendered on request from the recorded rows: the
parties and who came for them, the terms and due date, and who accepted the minutes online."""

from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer

from kernel.web.pdf import build_pdf, label_table, paragraphs
from shared import formats
from shared.procons.models import Procon
from tenants.hearings.attendance import capacity_label
from tenants.hearings.models import ConciliationHearing, HearingMinutes, Party


def _attendance_rows(hearing: ConciliationHearing) -> list[list[str]]:
    """Each party and who came for it (name and capacity), or its absence; a party whose
    attendance was not recorded (minutes from before attendance) is left out."""
    rows = {row.party: row for row in hearing.attendance.all()}
    lines = []
    for party in Party:
        row = rows.get(party.value)
        if row is None:
            continue
        if not row.present:
            lines.append([str(party.label), _("Absent")])
            continue
        text = _("Present: %(name)s (%(capacity)s)") % {
            "name": row.name,
            "capacity": capacity_label(row.capacity),
        }
        if party == Party.COMPANY and hasattr(row, "authorisation_letter"):
            text += " — " + _("letter of authorisation (carta de preposição) attached")
        lines.append([str(party.label), text])
    return lines


def _signature_rows(minutes: HearingMinutes) -> list[list[str]]:
    """Each party's online acceptance: who accepted and when, or that it is awaited."""
    accepted = {a.party: a for a in minutes.acceptances.select_related("accepted_by")}
    lines = []
    for party in Party:
        acceptance = accepted.get(party.value)
        if acceptance is None:
            lines.append([str(party.label), _("awaiting acceptance")])
        else:
            lines.append(
                [
                    str(party.label),
                    _("Accepted online by %(name)s on %(when)s")
                    % {
                        "name": acceptance.accepted_by.full_name,
                        "when": formats.date_time(acceptance.accepted_at),
                    },
                ]
            )
    return lines


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
    ]
    attendance = _attendance_rows(hearing)
    if attendance:
        story += [
            Paragraph(escape(_("Attendance")), styles["Heading3"]),
            label_table(attendance, body),
            Spacer(1, 0.5 * cm),
        ]
    story += [
        Paragraph(escape(_("Summary")), styles["Heading3"]),
        Paragraph(paragraphs(minutes.summary), body),
    ]
    if minutes.agreement_terms:
        story += [
            Paragraph(escape(_("Terms of the agreement")), styles["Heading3"]),
            Paragraph(paragraphs(minutes.agreement_terms), body),
        ]
    story += [
        Paragraph(escape(_("Acceptance of the minutes")), styles["Heading3"]),
        label_table(_signature_rows(minutes), body),
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
