"""The auto de infração and the decisions as PDFs, rendered on request from the rows, each
carrying its verification code and a QR code of the page that checks it."""

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from kernel.web.pdf import build_pdf, label_table, paragraphs
from shared import formats
from shared.procons.models import Procon, host_url
from tenants.sanctions.lifecycle import Sanction
from tenants.sanctions.models import Decision, InfractionNotice, IssuedDocument


def provision_label(*, code: str, title: str, group: object) -> str:
    """A legal provision as autos and forms name it: `CDC art. 31 — Oferta (grupo II)`."""
    return _("%(code)s — %(title)s (group %(group)s)") % {
        "code": code,
        "title": title,
        "group": group,
    }


def _qr(url: str, size: float = 3.2 * cm) -> Drawing:
    widget = QrCodeWidget(url)
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(widget)
    return drawing


def verification_url(procon: Procon, document: IssuedDocument) -> str:
    return host_url(procon.host, f"/verificar/?codigo={document.code_display}")


def _verification(procon: Procon, document: IssuedDocument, body: ParagraphStyle) -> Table:
    url = verification_url(procon, document)
    note = Paragraph(
        escape(
            _("Verification code %(code)s. Check this document at %(url)s")
            % {"code": document.code_display, "url": url}
        ),
        body,
    )
    table = Table([[_qr(url), note]], colWidths=[3.6 * cm, 13.4 * cm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def _money(value: object) -> str:
    return formats.money(value)


def notice_pdf(notice: InfractionNotice, *, procon: Procon, document: IssuedDocument) -> bytes:
    """The auto with every element of Decreto 2.181/1997 art. 38."""
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    rows = [
        (_("Auto de infração"), notice.number),
        (_("Place"), f"{notice.place_address} — {notice.municipality}"),
        (_("Date and time"), formats.date_time(notice.occurred_at)),
        (_("Respondent"), notice.respondent_name),
        (_("CNPJ / CPF"), formats.document(notice.respondent_document)),
        (_("Respondent's address"), notice.respondent_address),
        (
            _("Legal provisions breached"),
            "\n".join(
                provision_label(code=p["code"], title=p["title"], group=p["group"])
                for p in notice.provisions
            ),
        ),
        (_("Provision that sets the sanction"), notice.sanction_provision),
        (_("Estimated monthly gross revenue"), _money(notice.revenue_estimate)),
        (
            _("Inspector"),
            _("%(name)s, %(post)s, registration number %(registration)s")
            % {
                "name": notice.inspector_name,
                "post": notice.inspector_post,
                "registration": notice.inspector_registration,
            },
        ),
        (
            _("Signed by the inspector"),
            _("electronically, by login, at %(at)s")
            % {"at": formats.date_time_seconds(notice.signed_at)},
        ),
        (_("Deciding body"), f"{notice.deciding_body} — {notice.deciding_body_address}"),
        (
            _("Respondent's signature"),
            notice.get_respondent_signature_display()
            + (
                " " + _("(witness: %(name)s)") % {"name": notice.refusal_witness}
                if notice.refusal_witness
                else ""
            ),
        ),
    ]
    if notice.defence_due_on:
        rows.append((_("Defence deadline"), formats.short_date(notice.defence_due_on)))
    story = [
        Paragraph(escape(procon.name), styles["Title"]),
        Paragraph(escape(_("Auto de infração")), styles["Heading2"]),
        label_table(rows, body, label_width=5 * cm, multiline=True),
        Paragraph(escape(_("Facts")), styles["Heading3"]),
        Paragraph(paragraphs(notice.facts), body),
        Paragraph(escape(_("Requirement and summons")), styles["Heading3"]),
        Paragraph(paragraphs(notice.requirement), body),
        Paragraph(
            escape(
                _(
                    "The respondent may file a defence, listing its evidence and up to three "
                    "witnesses, and contest the revenue estimate with documents, within the "
                    "deadline counted from the notification; or pay the fine at its base value "
                    "and end the process."
                )
            ),
            body,
        ),
        Spacer(1, 0.6 * cm),
        _verification(procon, document, body),
    ]
    return build_pdf(
        story,
        title=_("Auto de infração %(number)s") % {"number": notice.number},
        author=procon.name,
    )


def calculation_rows(decision: Decision) -> list[tuple[str, str]]:
    """The fine's calculation, step by step, as the engine recorded it."""
    if not decision.calculation:
        return []
    from tenants.penalties.dosimetry import FineResult

    result = FineResult.from_dict(decision.calculation)
    rows = [(_("Formula version"), result.version)]
    rows += [(step.description(), _money(step.amount)) for step in result.steps]
    rows.append((_("Fine"), _money(result.amount_rounded)))
    return rows


def decision_pdf(decision: Decision, *, procon: Procon, document: IssuedDocument) -> bytes:
    notice = decision.notice
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    title = str(decision.get_instance_display())
    if decision.instance == Decision.Instance.SECOND:
        outcome = decision.get_ruling_display()
    else:
        outcome = _("Dismissed") if decision.dismissed else _("Sanctions imposed")
    rows = [
        (_("Process"), notice.number),
        (
            _("Respondent"),
            f"{notice.respondent_name} ({formats.document(notice.respondent_document)})",
        ),
        (_("Decision"), str(outcome)),
        (
            _("Sanctions"),
            ", ".join(str(Sanction(s).label) for s in decision.sanctions) or "—",
        ),
        (_("Revenue considered"), _money(decision.revenue)),
        (_("Fine"), _money(decision.fine_amount)),
        (_("Judging authority"), decision.judge_name),
        (_("Date"), formats.date_time(decision.decided_at)),
    ]
    if decision.instance == Decision.Instance.FIRST and notice.appeal_due_on:
        rows.append((_("Appeal deadline"), formats.short_date(notice.appeal_due_on)))
    story = [
        Paragraph(escape(procon.name), styles["Title"]),
        Paragraph(escape(title), styles["Heading2"]),
        label_table(rows, body, label_width=5 * cm, multiline=True),
        Paragraph(escape(_("Reasons")), styles["Heading3"]),
        Paragraph(paragraphs(decision.reasoning), body),
    ]
    calculation = calculation_rows(decision)
    if calculation:
        story += [
            Paragraph(escape(_("How the fine was calculated")), styles["Heading3"]),
            label_table(calculation, body, label_width=5 * cm, multiline=True),
        ]
    story += [Spacer(1, 0.6 * cm), _verification(procon, document, body)]
    return build_pdf(story, title=f"{title} {notice.number}", author=procon.name)
