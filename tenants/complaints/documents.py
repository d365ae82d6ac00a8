"""The CIP (Carta de Informações Preliminares) as a PDF, rendered on request from the complaint's
rows: the letter a company receives asking it to answer by `cip_due_on`. It identifies the
customer to the company, as the filing consent says it will: the consumer's name, CPF, contacts
and the contract, account, line or order number they gave (the letter goes to the company and the
Procon only, never to the public)."""

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.styles import StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from kernel.web.pdf import build_pdf, label_table, paragraphs
from shared import formats
from shared.procons.models import Procon, host_url, platform_url
from tenants.complaints.models import Complaint
from tenants.configuration.models import ProconSettings

LEGAL_BASIS = "Código de Defesa do Consumidor (CDC), Lei nº 8.078/1990; Decreto nº 2.181/1997."


def _contacts(procon_settings: ProconSettings) -> str:
    parts = [
        procon_settings.address,
        procon_settings.phone,
        procon_settings.contact_email,
        procon_settings.opening_hours,
    ]
    return " · ".join(part for part in parts if part)


def _access_code_paragraphs(
    complaint: Complaint, procon: Procon, access_code: str, styles: StyleSheet1
) -> list[Flowable]:
    """How a company without an account answers: the address and the case's access code."""
    if not access_code:
        return []
    address = host_url(procon.host, "/responder/")
    return [
        Paragraph(
            escape(
                _(
                    "Without an account: go to %(address)s and type the complaint's number, "
                    "%(number)s, and this access code. It opens this complaint only, until it "
                    "closes."
                )
                % {"address": address, "number": complaint.number}
            ),
            styles["BodyText"],
        ),
        Paragraph(escape(_("Access code: %(code)s") % {"code": access_code}), styles["Heading3"]),
    ]


def cip_pdf(
    complaint: Complaint,
    *,
    procon: Procon,
    procon_settings: ProconSettings,
    access_code: str = "",
) -> bytes:
    """Only for a complaint whose CIP was sent (`cip_sent_at` and `cip_due_on` are set). With
    `access_code`, the letter tells a company without an account how to answer with it."""
    assert complaint.cip_sent_at is not None and complaint.cip_due_on is not None
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    company = complaint.company
    consumer = complaint.consumer
    phone = consumer.phone or consumer.text_phone
    due_on = formats.short_date(complaint.cip_due_on)
    case_url = host_url(procon.host, f"/reclamacoes/{complaint.number}/")
    rows = [
        (_("Complaint"), complaint.number),
        (_("Company"), company.legal_name),
        # The supplier's own document; a person's CPF in full (the letter goes to them).
        (_("CPF"), company.cpf_display)
        if company.is_person
        else (_("CNPJ"), formats.cnpj(company.cnpj)),
        (_("Consumer"), consumer.full_name),
        (_("Consumer's CPF"), formats.cpf(consumer.cpf)),
        (_("Consumer's contacts"), " · ".join(filter(None, (consumer.contact_email, phone)))),
        (
            _("Contract, account, line or order number"),
            complaint.customer_reference or _("Not given"),
        ),
        (_("Subject"), str(complaint.subject)),
        (_("Problem"), str(complaint.problem)),
        (_("CIP sent on"), formats.short_date(complaint.cip_sent_at)),
        (_("Company deadline"), due_on),
    ]
    story = [
        Paragraph(escape(procon.name), styles["Title"]),
    ]
    contacts = _contacts(procon_settings)
    if contacts:
        story.append(Paragraph(escape(contacts), styles["Normal"]))
    story += [
        Paragraph(escape(_("Preliminary Information Letter (CIP)")), styles["Heading2"]),
        Spacer(1, 0.3 * cm),
        label_table(rows, body),
        Spacer(1, 0.5 * cm),
        Paragraph(
            escape(
                _(
                    "%(procon)s received the complaint below against %(company)s and asks the "
                    "company to answer it by %(due_on)s (a deadline counted in business days)."
                )
                % {"procon": procon.name, "company": company.legal_name, "due_on": due_on}
            ),
            body,
        ),
        Paragraph(escape(_("What happened")), styles["Heading3"]),
        Paragraph(paragraphs(complaint.facts), body),
        Paragraph(escape(_("What the consumer wants")), styles["Heading3"]),
        Paragraph(paragraphs(complaint.request), body),
        Paragraph(escape(_("How to answer")), styles["Heading3"]),
        Paragraph(
            escape(
                _(
                    "Answer on the complaint's page, %(case_url)s, signed in with an account of "
                    "the company, or from the company's inbox on Procon Digital, %(platform)s "
                    "(also through its REST API)."
                )
                % {"case_url": case_url, "platform": platform_url("/")}
            ),
            body,
        ),
        *_access_code_paragraphs(complaint, procon, access_code, styles),
        Spacer(1, 0.8 * cm),
        Paragraph(
            escape(_("Legal basis: %(basis)s") % {"basis": LEGAL_BASIS}),
            styles["Italic"],
        ),
    ]
    return build_pdf(
        story,
        title=_("Preliminary Information Letter (CIP) – %(number)s") % {"number": complaint.number},
        author=procon.name,
    )
