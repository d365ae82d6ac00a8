"""Every route of both URLconfs × every role × own, foreign and platform host.

The table below must name every route: a new route fails `test_every_route_is_in_the_table`
until its expectations are written here. Foreign objects always answer 404.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from shared.accounts.actions import do_issue_api_token
from shared.accounts.roles import StaffRole
from tests.conftest import host_client
from tests.factories import (
    PASSWORD,
    CompanyFactory,
    ConsumerFactory,
    UserFactory,
    company_agent,
    staff,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "consumer",
    "attendant",
    "tenant_admin",
    "other_attendant",
    "company_agent",
    "company_admin",
    "supervisor",
    "operator",
]
# The staff roles each person holds on each host of the test ("own" is Santos, "foreign" Campinas).
HELD = {
    ("attendant", "own"): {"attendant"},
    ("tenant_admin", "own"): {"tenant_admin"},
    ("other_attendant", "foreign"): {"attendant"},
    # Company roles are the same on every host: "company_agent" (any agent or admin of a company)
    # and "company_admin".
    **{("company_agent", host): {"company_agent"} for host in ("platform", "own", "foreign")},
    **{
        ("company_admin", host): {"company_agent", "company_admin"}
        for host in ("platform", "own", "foreign")
    },
}
HOSTS = ["platform", "own", "foreign"]

# The registry always answers for the current year (registry_years starts there).
THIS_YEAR = date.today().year


@dataclass(frozen=True)
class Route:
    name: str
    urlconf: str  # "public" or "tenant"
    method: str
    path: str  # "{foreign_token}" is replaced by another user's token id
    anonymous: int
    authenticated: int
    # Roles the route needs on the host (staff roles at the host's Procon, or "company_agent" /
    # "company_admin"); a signed-in user without one gets 404.
    requires: tuple[str, ...] | None = None


ROUTES = [
    Route("home", "both", "get", "/", 200, 200),
    Route("healthz", "both", "get", "/healthz", 200, 200),
    Route("accounts:login", "both", "get", "/entrar/", 200, 302),
    Route("accounts:logout", "both", "post", "/sair/", 302, 302),
    Route("set_language", "both", "post", "/i18n/setlang/", 302, 302),
    Route("api-schema", "both", "get", "/api/v1/schema/", 200, 200),
    Route("api-docs", "both", "get", "/api/v1/docs/", 200, 200),
    Route("api:me", "both", "get", "/api/v1/me/", 401, 200),
    Route("api:procon-list", "public", "get", "/api/v1/procons/", 200, 200),
    Route("api:municipality-list", "public", "get", "/api/v1/municipalities/?q=san", 200, 200),
    Route("api:token-list", "public", "get", "/api/v1/tokens/", 401, 200),
    Route("api:token-revoke", "public", "delete", "/api/v1/tokens/{foreign_token}/", 401, 404),
    Route("api-tokens", "public", "get", "/conta/tokens/", 302, 200),
    Route("api-token-revoke", "public", "post", "/conta/tokens/{foreign_token}/revogar/", 302, 404),
    Route("api:procon-detail", "tenant", "get", "/api/v1/procon/", 200, 200),
    # -- companies routes --
    Route("company_onboarding:apply", "public", "get", "/empresas/adesao/", 200, 200),
    Route("company_onboarding:applied", "public", "get", "/empresas/adesao/enviada/", 200, 200),
    Route("companies:detail", "public", "get", "/empresas/00000000000000/", 404, 404),
    Route("companies:invitation", "public", "get", "/empresa/convite/invalido/", 400, 400),
    Route(
        "companies:team", "public", "get", "/empresa/equipe/", 302, 200, requires=("company_admin",)
    ),
    Route(
        "companies:team-role",
        "public",
        "post",
        "/empresa/equipe/0/papel/",
        302,
        404,
        requires=("company_admin",),
    ),
    Route(
        "companies:team-remove",
        "public",
        "post",
        "/empresa/equipe/0/remover/",
        302,
        404,
        requires=("company_admin",),
    ),
    Route(
        "companies:participation",
        "public",
        "get",
        "/empresa/participacao/",
        302,
        200,
        requires=("company_admin",),
    ),
    Route(
        "api:company-application-create",
        "public",
        "post",
        "/api/v1/companies/applications/",
        415,
        415,
    ),
    Route(
        "api:company-agent-list",
        "public",
        "get",
        "/api/v1/company/agents/",
        401,
        200,
        requires=("company_admin",),
    ),
    Route(
        "api:company-agent-detail",
        "public",
        "delete",
        "/api/v1/company/agents/0/",
        401,
        404,
        requires=("company_admin",),
    ),
    Route(
        "api:company-participation",
        "public",
        "get",
        "/api/v1/company/participation/",
        401,
        200,
        requires=("company_admin",),
    ),
    Route(
        "company_onboarding:supervision-list",
        "tenant",
        "get",
        "/supervisao/empresas/",
        302,
        200,
        requires=("supervisor",),
    ),
    Route(
        "company_onboarding:supervision-detail",
        "tenant",
        "get",
        "/supervisao/empresas/0/",
        302,
        404,
        requires=("supervisor",),
    ),
    Route(
        "api:supervision-company-application-list",
        "tenant",
        "get",
        "/api/v1/supervision/company-applications/",
        401,
        200,
        requires=("supervisor",),
    ),
    Route(
        "api:supervision-company-application-approve",
        "tenant",
        "post",
        "/api/v1/supervision/company-applications/0/approve/",
        401,
        404,
        requires=("supervisor",),
    ),
    Route(
        "api:supervision-company-application-reject",
        "tenant",
        "post",
        "/api/v1/supervision/company-applications/0/reject/",
        401,
        404,
        requires=("supervisor",),
    ),
    # -- inbox routes --
    Route(
        "api:inbox-attachment",
        "public",
        "get",
        "/api/v1/inbox/santos/SANTOS-1999-000001/attachments/1/",
        401,
        404,
    ),
    Route("inbox:list", "public", "get", "/empresa/caixa/", 302, 200, requires=("company_agent",)),
    Route(
        "inbox:csv", "public", "get", "/empresa/caixa.csv", 302, 200, requires=("company_agent",)
    ),
    Route(
        "inbox:case",
        "public",
        "get",
        "/empresa/caixa/nao-existe/X-0/",
        302,
        404,
        requires=("company_agent",),
    ),
    Route(
        "inbox:answer",
        "public",
        "post",
        "/empresa/caixa/nao-existe/X-0/responder/",
        302,
        404,
        requires=("company_agent",),
    ),
    Route(
        "inbox:attachment",
        "public",
        "get",
        "/empresa/caixa/nao-existe/X-0/anexos/1/",
        302,
        404,
        requires=("company_agent",),
    ),
    Route(
        "api:inbox-list", "public", "get", "/api/v1/inbox/", 401, 200, requires=("company_agent",)
    ),
    Route(
        "api:inbox-counts",
        "public",
        "get",
        "/api/v1/inbox/counts/",
        401,
        200,
        requires=("company_agent",),
    ),
    Route(
        "api:inbox-case",
        "public",
        "get",
        "/api/v1/inbox/nao-existe/X-0/",
        401,
        404,
        requires=("company_agent",),
    ),
    Route(
        "api:inbox-answer",
        "public",
        "post",
        "/api/v1/inbox/nao-existe/X-0/answer/",
        401,
        404,
        requires=("company_agent",),
    ),
    Route("complaints:access-code", "tenant", "get", "/responder/", 200, 200),
    Route(
        "complaints:access-code-case", "tenant", "get", "/responder/SANTOS-1999-000001/", 404, 404
    ),
    Route(
        "complaints:access-code-answer",
        "tenant",
        "post",
        "/responder/SANTOS-1999-000001/enviar/",
        404,
        404,
    ),
    Route(
        "complaints:access-code-attachment",
        "tenant",
        "get",
        "/responder/SANTOS-1999-000001/anexos/1/",
        404,
        404,
    ),
    # -- webhooks routes --
    *[
        Route(name, "public", method, path, anonymous, authenticated, requires=("company_admin",))
        for name, method, path, anonymous, authenticated in (
            ("webhooks:endpoints", "get", "/empresa/webhooks/", 302, 200),
            ("webhooks:set-active", "post", "/empresa/webhooks/0/ativo/", 302, 404),
            ("webhooks:delete", "post", "/empresa/webhooks/0/excluir/", 302, 404),
            ("webhooks:ping", "post", "/empresa/webhooks/0/testar/", 302, 404),
            ("webhooks:deliveries", "get", "/empresa/webhooks/0/entregas/", 302, 404),
            ("api:webhook-list", "get", "/api/v1/company/webhooks/", 401, 200),
            ("api:webhook-list", "post", "/api/v1/company/webhooks/", 401, 415),
            ("api:webhook-detail", "delete", "/api/v1/company/webhooks/0/", 401, 404),
            ("api:webhook-deliveries", "get", "/api/v1/company/webhooks/0/deliveries/", 401, 404),
            ("api:webhook-ping", "post", "/api/v1/company/webhooks/0/ping/", 401, 404),
        )
    ],
    # -- staff routes --
    # -- adhesion routes --
    Route(
        "api:supervision-procon-list",
        "tenant",
        "get",
        "/api/v1/supervision/procons/",
        401,
        200,
        requires=("supervisor",),
    ),
    Route(
        "api:supervision-procon-suspend",
        "tenant",
        "post",
        "/api/v1/supervision/procons/nao-existe/suspend/",
        401,
        404,
        requires=("supervisor",),
    ),
    Route(
        "api:supervision-procon-reactivate",
        "tenant",
        "post",
        "/api/v1/supervision/procons/nao-existe/reactivate/",
        401,
        404,
        requires=("supervisor",),
    ),
    Route("procon_onboarding:apply", "public", "get", "/adesao/", 200, 200),
    Route("procon_onboarding:verify", "public", "get", "/adesao/confirmar/invalido/", 400, 400),
    Route("procon_onboarding:status", "public", "get", "/adesao/invalido/", 404, 404),
    Route(
        "api:procon-application-create", "public", "post", "/api/v1/procon-applications/", 415, 415
    ),
    Route("procon_onboarding:invitation", "tenant", "get", "/adesao/convite/invalido/", 400, 400),
    Route(
        "procon_onboarding:supervision-list",
        "tenant",
        "get",
        "/supervisao/adesoes/",
        302,
        200,
        requires=("supervisor",),
    ),
    Route(
        "procon_onboarding:supervision-detail",
        "tenant",
        "get",
        "/supervisao/adesoes/0/",
        302,
        404,
        requires=("supervisor",),
    ),
    Route(
        "procon_onboarding:procon-list",
        "tenant",
        "get",
        "/supervisao/procons/",
        302,
        200,
        requires=("supervisor",),
    ),
    Route(
        "procon_onboarding:procon-detail",
        "tenant",
        "get",
        "/supervisao/procons/nao-existe/",
        302,
        404,
        requires=("supervisor",),
    ),
    Route(
        "api:supervision-procon-application-list",
        "tenant",
        "get",
        "/api/v1/supervision/procon-applications/",
        401,
        200,
        requires=("supervisor",),
    ),
    *[
        Route(
            f"api:supervision-procon-application-{verb}",
            "tenant",
            "post",
            f"/api/v1/supervision/procon-applications/0/{verb}/",
            401,
            404,
            requires=("supervisor",),
        )
        for verb in ("approve", "reject", "retry")
    ],
    # -- supervision dashboard routes --
    *[
        Route(name, "tenant", "get", path, 302, status, requires=("supervisor",))
        for name, path, status in (
            ("supervision:dashboard", "/supervisao/painel/", 200),
            ("supervision:tenants", "/supervisao/painel/procons/", 200),
            ("supervision:procon", "/supervisao/painel/procons/santos/", 200),
            ("supervision:companies", "/supervisao/painel/empresas/", 200),
            ("supervision:company", "/supervisao/painel/empresas/0/", 404),
            ("supervision:alerts", "/supervisao/painel/alertas/", 200),
            ("supervision:alert-detail", "/supervisao/painel/alertas/0/", 404),
        )
    ],
    *[
        Route(name, "tenant", "get", path, 401, status, requires=("supervisor",))
        for name, path, status in (
            ("api:supervision-figures", "/api/v1/supervision/figures/", 200),
            ("api:supervision-figures-procons", "/api/v1/supervision/figures/procons/", 200),
            ("api:supervision-figures-companies", "/api/v1/supervision/figures/companies/", 200),
            ("api:supervision-figures-company", "/api/v1/supervision/figures/companies/0/", 404),
            ("api:supervision-alerts", "/api/v1/supervision/alerts/", 200),
        )
    ],
    # -- billing routes --
    Route(
        "billing:subscription",
        "tenant",
        "get",
        "/configuracoes/assinatura/",
        302,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "billing:checkout",
        "tenant",
        "post",
        "/configuracoes/assinatura/pagar/",
        302,
        302,
        requires=("tenant_admin",),
    ),
    Route(
        "billing:portal",
        "tenant",
        "post",
        "/configuracoes/assinatura/gerenciar/",
        302,
        302,
        requires=("tenant_admin",),
    ),
    Route(
        "billing:grant-free",
        "tenant",
        "get",
        "/supervisao/procons/nao-existe/plano/",
        302,
        404,
        requires=("supervisor",),
    ),
    Route(
        "api:billing-stripe-webhook", "public", "post", "/api/v1/billing/stripe/webhook/", 400, 400
    ),
    Route(
        "configuration:staff",
        "tenant",
        "get",
        "/configuracoes/equipe/",
        302,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "configuration:staff-remove",
        "tenant",
        "post",
        "/configuracoes/equipe/0/remover/",
        302,
        404,
        requires=("tenant_admin",),
    ),
    Route(
        "api:staff-list",
        "tenant",
        "get",
        "/api/v1/settings/staff/",
        401,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "api:staff-detail",
        "tenant",
        "delete",
        "/api/v1/settings/staff/0/",
        401,
        404,
        requires=("tenant_admin",),
    ),
    Route("complaints:cip-pdf", "tenant", "get", "/reclamacoes/NAO-2026-000000/cip.pdf", 302, 404),
    # -- accounts routes --
    Route("accounts:register", "both", "get", "/cadastro/", 200, 302),
    Route("accounts:register-done", "both", "get", "/cadastro/confirme-seu-email/", 302, 200),
    Route(
        "accounts:resend-verification", "both", "post", "/cadastro/confirmar/reenviar/", 302, 302
    ),
    Route("accounts:verify-email", "both", "get", "/cadastro/confirmar/invalido/", 400, 400),
    Route("accounts:password-reset", "both", "get", "/senha/recuperar/", 200, 200),
    Route("accounts:password-reset-done", "both", "get", "/senha/recuperar/enviado/", 200, 200),
    Route("accounts:password-reset-confirm", "both", "get", "/senha/redefinir/MQ/x-y/", 200, 200),
    Route("accounts:password-reset-complete", "both", "get", "/senha/redefinida/", 200, 200),
    Route("api:register", "both", "post", "/api/v1/accounts/register/", 415, 415),
    Route("api:verify-email", "both", "post", "/api/v1/accounts/verify-email/", 415, 415),
    Route("where-to-file", "public", "get", "/onde-reclamar/?city=Santos", 302, 302),
    Route(
        "api:procon-serving",
        "public",
        "get",
        "/api/v1/procons/serving/?ibge_code=3548500",
        200,
        200,
    ),
    # -- configuration routes --
    Route(
        "configuration:settings",
        "tenant",
        "get",
        "/configuracoes/",
        302,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "configuration:communication",
        "tenant",
        "get",
        "/configuracoes/comunicacao/",
        302,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "configuration:holidays",
        "tenant",
        "get",
        "/configuracoes/feriados/",
        302,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "configuration:holiday-remove",
        "tenant",
        "post",
        "/configuracoes/feriados/0/remover/",
        302,
        404,
        requires=("tenant_admin",),
    ),
    Route(
        "configuration:catalogue",
        "tenant",
        "get",
        "/configuracoes/catalogo/",
        302,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "configuration:subject-add",
        "tenant",
        "get",
        "/configuracoes/catalogo/assuntos/novo/",
        302,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "configuration:subject-active",
        "tenant",
        "post",
        "/configuracoes/catalogo/assuntos/0/ativo/",
        302,
        404,
        requires=("tenant_admin",),
    ),
    Route(
        "configuration:problem-add",
        "tenant",
        "get",
        "/configuracoes/catalogo/problemas/novo/",
        302,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "configuration:problem-active",
        "tenant",
        "post",
        "/configuracoes/catalogo/problemas/0/ativo/",
        302,
        404,
        requires=("tenant_admin",),
    ),
    Route(
        "api:settings", "tenant", "get", "/api/v1/settings/", 401, 200, requires=("tenant_admin",)
    ),
    Route(
        "api:holiday-list",
        "tenant",
        "get",
        "/api/v1/settings/holidays/",
        401,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "api:holiday-detail",
        "tenant",
        "delete",
        "/api/v1/settings/holidays/0/",
        401,
        404,
        requires=("tenant_admin",),
    ),
    Route("api:catalogue", "tenant", "get", "/api/v1/catalogue/", 200, 200),
    # -- hearings routes --
    Route("hearings:schedule", "tenant", "post", "/reclamacoes/X-0/audiencia/agendar/", 302, 404),
    Route(
        "hearings:reschedule", "tenant", "post", "/reclamacoes/X-0/audiencia/0/remarcar/", 302, 404
    ),
    Route("hearings:minutes", "tenant", "post", "/reclamacoes/X-0/audiencia/0/ata/", 302, 404),
    Route(
        "hearings:invitation", "tenant", "get", "/reclamacoes/X-0/audiencia/0/convite.ics", 302, 404
    ),
    Route(
        "hearings:minutes-pdf", "tenant", "get", "/reclamacoes/X-0/audiencia/0/ata.pdf", 302, 404
    ),
    Route("api:complaint-hearings", "tenant", "get", "/api/v1/complaints/X-0/hearings/", 401, 404),
    Route("api:complaint-hearings", "tenant", "post", "/api/v1/complaints/X-0/hearings/", 401, 404),
    Route("api:hearing-reschedule", "tenant", "post", "/api/v1/hearings/0/reschedule/", 401, 404),
    Route("api:hearing-minutes", "tenant", "post", "/api/v1/hearings/0/minutes/", 401, 404),
    # -- complaints api routes --
    Route("api:complaint-list", "tenant", "get", "/api/v1/complaints/", 401, 200),
    Route("api:complaint-list", "tenant", "post", "/api/v1/complaints/", 401, 400),
    Route("api:complaint-detail", "tenant", "get", "/api/v1/complaints/NAO-2026-000000/", 401, 404),
    *[
        Route(
            f"api:complaint-step-{step}",
            "tenant",
            "post",
            f"/api/v1/complaints/NAO-2026-000000/{step}/",
            401,
            404,
        )
        for step in (
            "assign",
            "request-information",
            "reply",
            "accept",
            "reject",
            "send-cip",
            "answer",
            "rate",
            "confirm-agreement",
            "close",
            "withdraw",
            "reopen",
        )
    ],
    # -- complaints routes --
    Route("complaints:file", "tenant", "get", "/reclamar/", 302, 200),
    Route("complaints:company-search", "tenant", "get", "/reclamar/empresas/?q=viv", 302, 200),
    Route("complaints:mine", "tenant", "get", "/minhas-reclamacoes/", 302, 200),
    Route(
        "complaints:queue",
        "tenant",
        "get",
        "/atendimento/",
        302,
        200,
        requires=("attendant", "conciliator", "inspector", "judge", "tenant_admin", "supervisor"),
    ),
    Route("complaints:detail", "tenant", "get", "/reclamacoes/SANTOS-1999-000001/", 302, 404),
    Route(
        "complaints:attachment",
        "tenant",
        "get",
        "/reclamacoes/SANTOS-1999-000001/anexos/1/",
        302,
        404,
    ),
    Route("complaints:act", "tenant", "post", "/reclamacoes/SANTOS-1999-000001/aceitar/", 302, 404),
    # -- sanctions routes --
    # Object paths name a process, inspection or document that does not exist: who reaches the
    # route gets the view's 404, everyone else the permission's 404 (tests/tenants/sanctions/
    # check the same routes with real objects, own and another Procon's).
    *[
        Route(name, "tenant", "get", path, 302, 200, requires=roles)
        for name, path, roles in (
            ("sanctions:home", "/fiscalizacao/", ("inspector", "judge", "tenant_admin")),
            ("sanctions:inspection-create", "/fiscalizacao/inspecoes/nova/", ("inspector",)),
            ("sanctions:settings", "/configuracoes/fiscalizacao/", ("tenant_admin",)),
        )
    ],
    *[
        Route(name, "tenant", method, path, 302, 404, requires=roles)
        for name, method, path, roles in (
            (
                "sanctions:inspection",
                "get",
                "/fiscalizacao/inspecoes/999999/",
                ("inspector", "judge", "tenant_admin"),
            ),
            (
                "sanctions:inspection-evidence",
                "post",
                "/fiscalizacao/inspecoes/999999/evidencias/",
                ("inspector",),
            ),
            (
                "sanctions:inspection-close",
                "post",
                "/fiscalizacao/inspecoes/999999/encerrar/",
                ("inspector",),
            ),
            ("sanctions:notice-new", "get", "/fiscalizacao/inspecoes/999999/auto/", ("inspector",)),
            (
                "sanctions:evidence",
                "get",
                "/fiscalizacao/evidencias/999999/",
                ("inspector", "judge", "tenant_admin"),
            ),
            (
                "sanctions:process",
                "get",
                "/fiscalizacao/processos/AI-X-1/",
                ("inspector", "judge", "tenant_admin"),
            ),
            (
                "sanctions:notify",
                "post",
                "/fiscalizacao/processos/AI-X-1/notificar/",
                ("inspector", "judge", "tenant_admin"),
            ),
            ("sanctions:decide", "get", "/fiscalizacao/processos/AI-X-1/decidir/", ("judge",)),
            (
                "sanctions:decide-appeal",
                "get",
                "/fiscalizacao/processos/AI-X-1/recurso/decidir/",
                ("judge",),
            ),
            (
                "sanctions:payment",
                "post",
                "/fiscalizacao/processos/AI-X-1/pagamento/",
                ("judge", "tenant_admin"),
            ),
            (
                "sanctions:collection",
                "post",
                "/fiscalizacao/processos/AI-X-1/cobranca/",
                ("judge", "tenant_admin"),
            ),
        )
    ],
    Route(
        "sanctions:notice-pdf", "tenant", "get", "/fiscalizacao/processos/AI-X-1/auto.pdf", 404, 404
    ),
    Route(
        "sanctions:decision-pdf",
        "tenant",
        "get",
        "/fiscalizacao/processos/AI-X-1/decisoes/1.pdf",
        404,
        404,
    ),
    Route("sanctions:lookup", "tenant", "get", "/processos/?numero=AI-X-1", 404, 404),
    Route("sanctions:verify", "tenant", "get", "/verificar/?codigo=ABCD", 404, 404),
    Route("sanctions:verify", "tenant", "get", "/verificar/", 200, 200),
    Route(
        "api:sanction-inspection-list",
        "tenant",
        "get",
        "/api/v1/sanctions/inspections/",
        401,
        200,
        requires=("inspector", "judge", "tenant_admin"),
    ),
    Route(
        "api:sanction-inspection-list",
        "tenant",
        "post",
        "/api/v1/sanctions/inspections/",
        401,
        400,
        requires=("inspector", "judge", "tenant_admin"),
    ),
    Route(
        "api:sanction-process-list",
        "tenant",
        "get",
        "/api/v1/sanctions/processes/",
        401,
        200,
        requires=("inspector", "judge", "tenant_admin"),
    ),
    Route(
        "api:sanction-settings",
        "tenant",
        "get",
        "/api/v1/sanctions/settings/",
        401,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "api:sanction-settings",
        "tenant",
        "patch",
        "/api/v1/sanctions/settings/",
        401,
        200,
        requires=("tenant_admin",),
    ),
    *[
        Route(name, "tenant", method, f"/api/v1/sanctions/{path}", 401, 404)
        for name, method, path in (
            ("api:sanction-inspection-detail", "get", "inspections/999999/"),
            ("api:sanction-inspection-evidence", "post", "inspections/999999/evidence/"),
            ("api:sanction-inspection-close", "post", "inspections/999999/close/"),
            ("api:sanction-notice-issue", "post", "inspections/999999/notice/"),
            ("api:sanction-process-detail", "get", "processes/AI-X-1/"),
            *[
                (f"api:sanction-process-{step}", "post", f"processes/AI-X-1/{step}/")
                for step in (
                    "notify",
                    "defence",
                    "pay-at-base",
                    "decision",
                    "appeal",
                    "appeal-decision",
                    "payment",
                    "collection",
                )
            ],
        )
    ],
    *[
        Route(name, "tenant", "get", f"/api/v1/sanctions/{path}", 404, 404)
        for name, path in (
            ("api:sanction-lookup", "lookup/AI-X-1/"),
            ("api:sanction-verify", "verify/ABCDEFGH/"),
        )
    ],
    # -- registry routes --
    *[
        Route(name, "both", "get", path, status, status)
        for name, path, status in (
            ("registry:page", "/reclamacoes-fundamentadas/", 200),
            ("registry:csv", f"/reclamacoes-fundamentadas/{THIS_YEAR}.csv", 200),
            ("registry:json", f"/reclamacoes-fundamentadas/{THIS_YEAR}.json", 200),
            ("registry:publication-csv", "/reclamacoes-fundamentadas/publicacoes/0.csv", 404),
            ("registry:publication-json", "/reclamacoes-fundamentadas/publicacoes/0.json", 404),
            ("registry:open-data", "/dados-abertos/", 200),
            ("registry:open-data-csv", "/dados-abertos/reclamacoes.csv", 404),
            ("api:registry", f"/api/v1/registry/?year={THIS_YEAR}", 200),
            ("api:registry-publications", "/api/v1/registry/publications/", 200),
        )
    ],
    Route(
        "registry:publish",
        "tenant",
        "get",
        "/reclamacoes-fundamentadas/publicar/",
        302,
        200,
        requires=("tenant_admin",),
    ),
    Route(
        "registry:publish-state",
        "tenant",
        "get",
        "/supervisao/registro/publicar/",
        302,
        200,
        requires=("supervisor",),
    ),
    # -- privacy routes --
    Route("privacy:my-data", "tenant", "get", "/conta/meus-dados/", 302, 200),
    Route("privacy:download", "tenant", "get", "/conta/meus-dados/baixar/", 302, 200),
    Route("privacy:delete", "tenant", "get", "/conta/excluir/", 302, 200),
]
# The Django admin is an operator's tool on the platform host only; checked separately below.
ADMIN_NAMESPACE = "admin"


def _route_names(urlconf: str) -> set[str]:
    names: set[str] = set()

    def walk(patterns: list, namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or ""
                if ns == ADMIN_NAMESPACE:
                    continue
                walk(pattern.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver(urlconf).url_patterns)
    return names


@pytest.mark.parametrize("urlconf", ["config.urls_public", "config.urls_tenants"])
def test_every_route_is_in_the_table(urlconf: str) -> None:
    kind = "public" if urlconf.endswith("public") else "tenant"
    in_table = {r.name for r in ROUTES if r.urlconf in {kind, "both"}}
    assert _route_names(urlconf) == in_table


@pytest.fixture
def people(procon, other_procon, state_procon) -> dict[str, object]:
    company = CompanyFactory()
    return {
        "anonymous": None,
        "consumer": ConsumerFactory(),
        "attendant": staff(procon, StaffRole.ATTENDANT),
        "tenant_admin": staff(procon, StaffRole.TENANT_ADMIN),
        "other_attendant": staff(other_procon, StaffRole.ATTENDANT),
        "company_agent": company_agent(company),
        "company_admin": company_agent(company, role="admin"),
        "supervisor": staff(state_procon, StaffRole.SUPERVISOR),
        "operator": UserFactory(is_operator=True),
    }


def _client_for(host: str, user: object) -> Client:
    client = host_client(host)
    if user is not None:
        assert client.login(username=user.email, password=PASSWORD)
    return client


def _host(which: str, procon, other_procon) -> str:
    return {"platform": "localhost", "own": procon.host, "foreign": other_procon.host}[which]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which_host", HOSTS)
def test_route_table(role: str, which_host: str, people, procon, other_procon) -> None:
    user = people[role]
    host = _host(which_host, procon, other_procon)
    client = _client_for(host, user)
    foreign_token, _key = do_issue_api_token(UserFactory(), name="someone else's")
    kind = "public" if which_host == "platform" else "tenant"
    for route in ROUTES:
        path = route.path.replace("{foreign_token}", str(foreign_token.pk))
        response = getattr(client, route.method)(path)
        held = HELD.get((role, which_host), set())
        if route.urlconf not in {kind, "both"}:
            expected = 404
        elif user is None:
            expected = route.anonymous
        elif route.requires is not None and not held & set(route.requires):
            expected = 404
        else:
            expected = route.authenticated
        assert response.status_code == expected, (
            route.name,
            role,
            which_host,
            response.status_code,
        )
        if route.name == "accounts:logout" and user is not None:
            client = _client_for(host, user)  # logged out by the route: log back in


@pytest.mark.parametrize("role", ["attendant", "other_attendant", "supervisor", "consumer"])
def test_roles_shown_on_a_host_are_only_those_held_at_that_procon(
    role, people, procon, other_procon
) -> None:
    user = people[role]
    own = _client_for(procon.host, user).get("/api/v1/me/").json()["roles_here"]
    foreign = _client_for(other_procon.host, user).get("/api/v1/me/").json()["roles_here"]
    platform = _client_for("localhost", user).get("/api/v1/me/").json()["roles_here"]
    assert own == (["attendant"] if role == "attendant" else [])
    assert foreign == (["attendant"] if role == "other_attendant" else [])
    assert platform == []


def test_the_admin_is_only_on_the_platform_host_and_only_for_operators(people, procon) -> None:
    assert _client_for("localhost", people["operator"]).get("/admin/").status_code == 200
    assert _client_for("localhost", people["attendant"]).get("/admin/").status_code == 302
    assert _client_for(procon.host, people["operator"]).get("/admin/").status_code == 404
