"""Staff reclassify an open complaint: its company, subject and/or problem. The timeline entry
holds the old and new values; the case index follows.

The company is changed freely until the CIP is sent. Once it was sent and before the company
answered (`cip_sent`, `cip_lapsed`), the CIP was addressed to the wrong company: it goes anew to
the new one, with a fresh deadline and a new access code (a SEND_CIP entry after the
reclassification), and the first company no longer sees the case. Once a company answered (or
the case went on to a hearing) the company is not changed: the case is closed and the consumer
files against the right company (a hearing scheduled likewise fixes the company). The subject and problem may be corrected in any open state.

A supplier the consumer named without a document is identified here too: given a CNPJ or CPF,
the complaint moves to the company the platform knows by it, or the named row is completed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shared.accounts.models import User
from shared.companies.actions import do_identify_company, do_register_company
from shared.companies.models import Company
from shared.documents import normalize_cnpj, normalize_cpf
from tenants.catalogue.hierarchy import check_subject_problem
from tenants.catalogue.models import Problem, Subject
from tenants.complaints.actions.answer import CIP_FIELDS, issue_cip
from tenants.complaints.actions.steps import finish_step, start_step
from tenants.complaints.lifecycle import ComplaintStatus, Step
from tenants.complaints.models import Complaint
from tenants.complaints.selectors import company_by_cnpj, supplier_by_cpf

S = ComplaintStatus
# Where the company may change: before the CIP, and (the CIP then going anew) before an answer.
COMPANY_CHANGES = frozenset(
    {S.REGISTERED, S.AWAITING_CONSUMER, S.ACCEPTED, S.CIP_SENT, S.CIP_LAPSED}
)
CIP_AGAIN = frozenset({S.CIP_SENT, S.CIP_LAPSED})


def _value(row: Company | Subject | Problem) -> dict[str, object]:
    """What the timeline keeps of a value: enough to say it in words once the row changed."""
    value: dict[str, object] = {"id": row.pk, "name": str(row)}
    if isinstance(row, Company):
        value["document"] = row.document_display
    return value


def _company(
    current: Company, *, company: Company | None, cnpj: str, cpf: str, name: str
) -> Company:
    """The company asked for: given, or by its document (the one the platform knows; the
    current one completed when it was known only by name; else registered with `name`)."""
    if company is not None:
        return company
    cnpj, cpf = normalize_cnpj(cnpj), normalize_cpf(cpf)
    if cnpj and cpf:
        raise ValidationError(
            {"supplier_cpf": _("Give the company's CNPJ or the supplier's CPF, not both.")}
        )
    if not (cnpj or cpf):
        return current
    if not current.is_identified:
        return do_identify_company(current, cnpj=cnpj, cpf=cpf)
    existing = supplier_by_cpf(cpf=cpf) if cpf else company_by_cnpj(cnpj=cnpj)
    if existing is not None:
        return existing
    if not name.strip():
        raise ValidationError(
            {"company_name": _("We do not know this company yet: type its name.")}
        )
    return do_register_company(cnpj=cnpj, cpf=cpf, legal_name=name.strip())


@transaction.atomic
def do_reclassify_complaint(
    complaint: Complaint,
    *,
    actor: User,
    as_role: str,
    company: Company | None = None,
    company_cnpj: str = "",
    supplier_cpf: str = "",
    company_name: str = "",
    subject: Subject | None = None,
    problem: Problem | None = None,
    note: str = "",
) -> Complaint:
    """Change what is given (None or empty: unchanged); refused when nothing changes."""
    complaint, finish = start_step(complaint, Step.RECLASSIFY, actor=actor, as_role=as_role)
    old = {"company": complaint.company, "subject": complaint.subject, "problem": complaint.problem}
    new_company = _company(
        complaint.company, company=company, cnpj=company_cnpj, cpf=supplier_cpf, name=company_name
    )
    new = {
        "company": new_company,
        "subject": subject or complaint.subject,
        "problem": problem or complaint.problem,
    }
    check_subject_problem(new["subject"], new["problem"])
    # A named supplier completed in place is the same row with a document: a change too.
    completed = new_company.pk == old["company"].pk and (
        new_company.document_display != old["company"].document_display
    )
    changes = {
        field: {"old": _value(old[field]), "new": _value(new[field])}
        for field in ("company", "subject", "problem")
        if new[field].pk != old[field].pk or (field == "company" and completed)
    }
    if not changes:
        raise ValidationError(
            _("Nothing changes: choose another company, subject or problem."), code="unchanged"
        )
    moved = "company" in changes and new_company.pk != old["company"].pk
    if moved and complaint.status not in COMPANY_CHANGES:
        raise ValidationError(
            {
                "company": _(
                    "The company can no longer change once it answered or a hearing was "
                    "scheduled: close the complaint; the consumer files a new one against the "
                    "right company."
                )
            }
        )
    complaint.company, complaint.subject, complaint.problem = (
        new["company"],
        new["subject"],
        new["problem"],
    )
    again = moved and complaint.status in CIP_AGAIN
    finish(
        fields=["company", "subject", "problem"],
        note=note.strip(),
        data={"changes": changes, "cip_sent_again": again},
    )
    if again:
        data = issue_cip(complaint)
        finish_step(
            complaint,
            step=Step.SEND_CIP,
            actor=actor,
            as_role=as_role,
            fields=CIP_FIELDS,
            data=data,
        )
    return complaint
