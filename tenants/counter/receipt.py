"""The comprovante de atendimento as a PDF, rendered on request from the atendimento's row: what
the consumer takes home (printed at the counter or e-mailed) with its number, what was recorded,
what followed and how to follow it online. The CPF is masked: the receipt leaves the Procon."""

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer

from kernel.web.pdf import build_pdf, label_table, paragraphs
from shared import formats
from shared.accounts.unclaimed import is_unclaimed
from shared.documents import mask_cpf
from shared.procons.models import Procon, host_url
from tenants.complaints.documents import _contacts
from tenants.configuration.models import ProconSettings
from tenants.counter.models import Intake, IntakeKind


def _what_followed(intake: Intake) -> list[tuple[str, str]]:
    if intake.kind == IntakeKind.REFERRAL:
        body = intake.get_referral_body_display()
        if intake.referral_to:
            body = f"{body}: {intake.referral_to}"
        return [(_("Referred to"), body), (_("Why"), intake.referral_reason)]
    if intake.complaint_id:
        return [
            (_("Complaint"), intake.complaint.number),
            (_("Company"), str(intake.company or intake.complaint.company)),
            (_("Status"), intake.complaint.get_status_display()),
        ]
    return []


def _follow_text(intake: Intake, procon: Procon) -> str:
    if intake.complaint_id:
        text = _(
            "Follow the complaint online at %(url)s, logged in to your account, or ask at the "
            "Procon with this receipt's number."
        ) % {"url": host_url(procon.host, f"/reclamacoes/{intake.complaint.number}/")}
    else:
        text = _(
            "This atendimento ends with this receipt. Your atendimentos are listed at %(url)s, "
            "logged in to your account."
        ) % {"url": host_url(procon.host, "/meus-atendimentos/")}
    if is_unclaimed(intake.consumer):
        text += " " + _(
            "The Procon created your account: activate it at %(url)s by typing your CPF; we "
            "send a link to your e-mail or a code to your mobile, and you choose a password."
        ) % {"url": host_url(procon.host, "/conta/ativar/")}
    return text


def receipt_pdf(intake: Intake, *, procon: Procon, procon_settings: ProconSettings) -> bytes:
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    rows = [
        (_("Atendimento"), intake.number),
        (_("Date and time"), formats.date_time(intake.created_at)),
        (_("Procon"), procon.name),
        (_("Attendant"), intake.attendant.full_name),
        (_("Kind"), intake.get_kind_display()),
        (_("How the consumer came"), intake.get_channel_display()),
        (_("Consumer"), intake.consumer.full_name),
        (_("CPF"), mask_cpf(intake.consumer.cpf or "")),
    ]
    if intake.priority:
        rows.append((_("Priority service"), intake.get_priority_display()))
    recorded = [(_("What the consumer reported"), intake.summary)]
    if intake.guidance:
        recorded.append((_("Guidance given"), intake.guidance))
    story = [Paragraph(escape(procon.name), styles["Title"])]
    contacts = _contacts(procon_settings)
    if contacts:
        story.append(Paragraph(escape(contacts), styles["Normal"]))
    story += [
        Paragraph(escape(_("Receipt of atendimento")), styles["Heading2"]),
        Spacer(1, 0.3 * cm),
        label_table(rows, body),
        Spacer(1, 0.4 * cm),
        label_table(recorded, body, multiline=True),
    ]
    followed = _what_followed(intake)
    if followed:
        story += [Spacer(1, 0.4 * cm), label_table(followed, body, multiline=True)]
    story += [
        Paragraph(escape(_("How to follow it")), styles["Heading3"]),
        Paragraph(paragraphs(_follow_text(intake, procon)), body),
    ]
    return build_pdf(
        story,
        title=_("Receipt of atendimento %(number)s") % {"number": intake.number},
        author=procon.name,
    )
