"""The counter's pages on a Procon's host: the attendant's counter (today's atendimentos, the
search, finding or registering the consumer by CPF, the new atendimento), one atendimento with
its receipt, and the consumer's own atendimentos. Anything outside the viewer's reach is 404."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kernel.errors import IllegalStep
from kernel.web.errors import apply_errors, found
from kernel.web.files import download
from shared.accounts.lockout import client_ip
from shared.accounts.models import User
from shared.accounts.permissions import staff_required
from shared.accounts.unclaimed import do_register_unclaimed_consumer
from shared.companies.actions import do_register_supplier
from shared.procons.models import host_url
from shared.widgets import use_fast_selects
from tenants.complaints.lifecycle import ATTENDING
from tenants.complaints.views import COMPANY_FIELDS
from tenants.configuration.selectors import get_procon_settings
from tenants.counter import forms as counter_forms
from tenants.counter.actions import (
    ComplaintPart,
    Demographics,
    do_email_receipt,
    do_look_up_consumer,
    do_register_intake,
)
from tenants.counter.models import OPENS_COMPLAINT, Intake
from tenants.counter.receipt import receipt_pdf
from tenants.counter.selectors import access_intake, consumer_intake_list, intake_list

LIST_SIZE = 100
# The registration form's prefix: the lookup form beside it has a CPF field too.
NEW = "new"


def _receipt(intake: Intake) -> bytes:
    return receipt_pdf(intake, procon=connection.tenant, procon_settings=get_procon_settings())


@staff_required(*ATTENDING)
@require_http_methods(["GET", "POST"])
def counter(request: HttpRequest) -> HttpResponse:
    """Today's atendimentos; POST: the search (by number or CPF, posted so that a CPF never
    travels in a URL)."""
    query = request.POST.get("q", "").strip()[:40] if request.method == "POST" else ""
    intakes = intake_list(query=query) if query else intake_list(day=timezone.localdate())
    return render(
        request,
        "counter/counter.html",
        {
            "lookup": counter_forms.ConsumerLookupForm(),
            "query": query,
            "intakes": intakes[:LIST_SIZE],
        },
    )


@staff_required(*ATTENDING)
@require_http_methods(["GET", "POST"])
def consumer(request: HttpRequest) -> HttpResponse:
    """GET: the lookup form; POST with a CPF: find the consumer (the lookup is audited); POST of
    the registration form: register them on the spot. A CPF never travels in a URL (it would
    stay in logs and in the browser's history): only in the posted forms."""
    if request.method == "POST" and f"{NEW}-full_name" in request.POST:
        form = counter_forms.ConsumerCreateForm(request.POST, prefix=NEW)
        if form.is_valid():
            data = form.cleaned_data
            try:
                user, created = do_register_unclaimed_consumer(
                    full_name=data["full_name"],
                    cpf=data["cpf"],
                    email=data["email"],
                    text_phone=data["mobile"],
                    phone=data["mobile"],
                    sms_opt_in=data["sms_opt_in"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Consumer registered.")
                    if created
                    else _("This CPF already has an account: it was kept as it is."),
                )
                return redirect(new_intake_url(user))
        return render(request, "counter/consumer.html", {"create": form}, status=400)
    lookup = counter_forms.ConsumerLookupForm(request.POST if request.method == "POST" else None)
    if not lookup.is_valid():
        return render(
            request,
            "counter/consumer.html",
            {"lookup": lookup},
            status=400 if lookup.is_bound else 200,
        )
    cpf = lookup.cleaned_data["cpf"]
    user = do_look_up_consumer(
        viewer=request.user,
        cpf=cpf,
        path=request.path,
        route=request.resolver_match.view_name if request.resolver_match else "",
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        via_token=False,
    )
    context: dict[str, Any] = {"lookup": lookup, "found": user, "cpf": cpf}
    if user is not None:
        context["new_url"] = new_intake_url(user)
    else:
        context["create"] = counter_forms.ConsumerCreateForm(initial={"cpf": cpf}, prefix=NEW)
    return render(request, "counter/consumer.html", context)


# The new atendimento's page names its consumer by a signed, expiring reference (never the CPF):
# each browser tab serves its own consumer, and nobody can forge one for another person.
CONSUMER_SALT = "counter.consumer"
CONSUMER_MAX_AGE = 12 * 60 * 60


def new_intake_url(user: Any) -> str:
    reference = signing.dumps(user.pk, salt=CONSUMER_SALT)
    return f"{reverse('counter:new')}?{urlencode({'consumidor': reference})}"


def _served_consumer(request: HttpRequest) -> Any:
    """The consumer of the new atendimento's page, or None for a missing, forged or stale
    reference."""
    try:
        pk = signing.loads(
            request.GET.get("consumidor", ""), salt=CONSUMER_SALT, max_age=CONSUMER_MAX_AGE
        )
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True).exclude(cpf=None).first()


@staff_required(*ATTENDING)
@require_http_methods(["GET", "POST"])
def new_intake(request: HttpRequest) -> HttpResponse:
    person = _served_consumer(request)
    if person is None:
        return redirect("counter:consumer")
    form = counter_forms.IntakeForm(request.POST or None)
    complaint_form = use_fast_selects(
        counter_forms.CounterComplaintForm(request.POST or None, request.FILES or None)
    )
    if request.method == "POST" and form.is_valid():
        intake = _register(request, person, form, complaint_form)
        if intake is not None:
            messages.success(
                request,
                _("Atendimento %(number)s registered.") % {"number": intake.number},
            )
            return redirect("counter:detail", number=intake.number)
    if form.is_bound and form.data.get("kind") not in OPENS_COMPLAINT:
        # Advice and referrals file no complaint: its fields are not checked, nor shown refused.
        complaint_form = use_fast_selects(counter_forms.CounterComplaintForm())
    return render(
        request,
        "counter/new.html",
        {"person": person, "form": form, "complaint_form": complaint_form},
        status=400 if request.method == "POST" else 200,
    )


def _register(
    request: HttpRequest,
    person: Any,
    form: counter_forms.IntakeForm,
    complaint_form: counter_forms.CounterComplaintForm,
) -> Intake | None:
    data = form.cleaned_data
    part = None
    if data["kind"] in OPENS_COMPLAINT:
        if not complaint_form.is_valid():
            return None
        c = complaint_form.cleaned_data
        try:
            # As on the consumer's own form: a business known only by the name typed is filed
            # as such, and the attendant completes its document before the CIP.
            company = c["company"] or do_register_supplier(
                cnpj=c["company_cnpj"],
                cpf=c["supplier_cpf"],
                name=c["company_name"],
                city=c["company_city"],
                state=c["company_state"],
            )
        except ValidationError as error:
            apply_errors(complaint_form, error, renames=COMPANY_FIELDS)
            return None
        part = ComplaintPart(
            company=company,
            subject=c["subject"],
            problem=c["problem"],
            facts=c["facts"],
            request=c["request"],
            lgpd_consent=c["lgpd_consent"],
            purchase_channel=c["purchase_channel"],
            contacted_company_first=c["contacted_company_first"] == "yes",
            company_protocol=c["company_protocol"],
            customer_reference=c["customer_reference"],
            uploads=c["attachments"],
            send_cip_now=data["send_cip_now"],
        )
    try:
        intake, _new = do_register_intake(
            attendant=request.user,
            consumer=person,
            kind=data["kind"],
            channel=data["channel"],
            summary=data["summary"],
            guidance=data["guidance"],
            referral_body=data["referral_body"],
            referral_to=data["referral_to"],
            referral_reason=data["referral_reason"],
            complaint=part,
            demographics=Demographics(
                municipality=data["consumer_municipality"],
                cep=data["consumer_cep"],
                sex=data["consumer_sex"],
                birth_date=data["consumer_birth_date"],
                disability=data["priority_disability"],
                pregnancy=data["priority_pregnancy"],
            ),
            idempotency_key=data["form_token"],
        )
    except ValidationError as error:
        complaint_fields = set(complaint_form.fields) if part is not None else set()
        for name, errors in error.error_dict.items() if hasattr(error, "error_dict") else []:
            target = complaint_form if name in complaint_fields else form
            target.add_error(name if name in target.fields else None, errors)
        if not hasattr(error, "error_dict"):
            form.add_error(None, error.messages)
        return None
    return intake


@staff_required(*ATTENDING)
@require_GET
def detail(request: HttpRequest, number: str) -> HttpResponse:
    intake = found(access_intake, viewer=request.user, number=number)
    return render(request, "counter/detail.html", {"intake": intake})


@login_required
@require_GET
def receipt(request: HttpRequest, number: str) -> HttpResponse:
    intake = found(access_intake, viewer=request.user, number=number)
    return download(_receipt(intake), filename=f"comprovante-{intake.number}.pdf")


@staff_required(*ATTENDING)
@require_POST
def email_receipt(request: HttpRequest, number: str) -> HttpResponse:
    intake = found(access_intake, viewer=request.user, number=number)
    try:
        do_email_receipt(
            intake,
            actor=request.user,
            pdf=_receipt(intake),
            host_url=host_url(connection.tenant.host, "/"),
        )
    except (ValidationError, IllegalStep) as error:
        text = error.message if isinstance(error, IllegalStep) else " ".join(error.messages)
        messages.error(request, text)
    else:
        messages.success(
            request,
            _("The receipt was e-mailed to %(email)s.") % {"email": intake.consumer.email},
        )
    return redirect("counter:detail", number=intake.number)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    intakes = consumer_intake_list(viewer=request.user)[:LIST_SIZE]
    return render(request, "counter/mine.html", {"intakes": intakes})
