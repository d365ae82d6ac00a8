"""Every route × every role × own, foreign, state and platform host → the expected status.

The matrix is generated from both URLconfs and both OpenAPI schemas: a URL pattern without a row
(`test_every_route_is_in_the_table`), a row whose path does not resolve to its name
(`test_every_row_resolves_to_its_route`) or an API operation without a row
(`test_every_api_operation_is_in_the_table`) fails. Rows are `Route(name, urlconf, method, path,
anonymous, authenticated, requires)`, one a line:

- `urlconf`: "public" (platform host), "tenant" (a Procon's host) or "both"; elsewhere 404.
- `anonymous`: the status without a session or token.
- `authenticated`: the status for a signed-in person who reaches the route (and its object).
- `requires`: who reaches it; anyone else signed in gets 404. Staff roles count at the host's
  Procon only; "company_agent" / "company_admin" are any member / administrator of a company;
  "consumer" is the consumer who filed the case. On a path with `{placeholders}` the capacities
  are about that object: only the case's consumer and the members of the case's company hold them.
- `{placeholders}` are filled with real objects (see `world`): on a Procon's host, that Procon's
  case (its attachment, hearing, holiday, staff...) and its fiscalização (an inspection, an auto
  against the case's company, fine-rules rows); on the platform host, the Santos case and auto as
  the company's inbox shows them, company A's webhook and agent, the consumer's API token. Each
  such row also runs with the *foreign* objects (another Procon's case and auto, another company's
  webhook, another user's token...), which answer 404 to everyone signed in.

- `acting`: (capacity, status) pairs for the role that may take a step, when it differs.
- `sampled`: the answer does not depend on who asks (the API schema): tried with a few roles.

Pages are requested with the role's session, API operations with the role's API token. Every
request runs in a savepoint rolled back afterwards, so writes never change what the next row sees.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import Max
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation
from django_tenants.utils import tenant_context

from onboarding.companies.actions import do_submit_company_application
from portals.supervision.models import SpikeAlert
from shared.accounts.actions import do_issue_api_token, do_revoke_api_token
from shared.accounts.models import CompanyMembership, StaffMembership
from shared.accounts.roles import StaffRole
from shared.accounts.staff_actions import do_invite_staff_member
from shared.companies.actions import do_issue_company_api_key
from shared.procons.models import Procon
from shared.webhooks.actions import do_create_webhook_endpoint
from shared.webhooks.lifecycle import SUBSCRIBABLE_EVENTS
from tenants.catalogue.models import Problem, Subject
from tenants.complaints.models import Attachment
from tenants.configuration.actions import do_add_holiday
from tenants.configuration.models import Holiday
from tenants.counter.actions import do_register_intake
from tenants.hearings.models import ConciliationHearing, HearingRoom
from tenants.narratives.actions import do_consent, do_respond
from tenants.penalties.actions import (
    do_add_circumstance_rule,
    do_add_provision,
    do_add_ufir_value,
)
from tenants.penalties.models import CircumstanceRule, LegalProvision, UfirValue
from tenants.sanctions.actions.company import do_file_defence
from tenants.sanctions.models import Evidence, Inspection
from tests.factories import (
    PASSWORD,
    CompanyFactory,
    ConsumerFactory,
    UserFactory,
    cnpj_for,
    company_agent,
    staff,
)
from tests.onboarding.companies.helpers import application_data as company_application_data
from tests.onboarding.procons.helpers import verified_application
from tests.tenants.complaints.factories import API_STEPS, pdf_upload
from tests.tenants.hearings.factories import at_hearing_scheduled
from tests.tenants.sanctions.factories import create_inspection, notified

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "consumer",  # filed the case at Santos
    "other_consumer",  # a consumer with no case here
    "attendant",
    "conciliator",
    "inspector",
    "judge",
    "tenant_admin",
    "other_staff",  # an attendant of Campinas
    "company_agent",  # agent of the company the Santos case is against
    "company_admin",  # administrator of that company
    "other_agent",  # administrator of another company
    "supervisor",  # of the state Procon
    "operator",  # runs the platform
]
# The registry always answers for the current year (registry_years starts there).
THIS_YEAR = date.today().year
# "own" is Santos, where the case and the staff are; "foreign" is Campinas; "state" is Procon-SP.
HOSTS = ["platform", "own", "foreign", "state"]
# Who is tried on the state host (only the supervisor holds anything there).
STATE_ROLES = ["anonymous", "consumer", "tenant_admin", "company_admin", "supervisor", "operator"]
STAFF_HELD = {
    ("attendant", "own"): {"attendant"},
    ("conciliator", "own"): {"conciliator"},
    ("inspector", "own"): {"inspector"},
    ("judge", "own"): {"judge"},
    ("tenant_admin", "own"): {"tenant_admin"},
    ("other_staff", "foreign"): {"attendant"},
    ("supervisor", "state"): {"supervisor"},
}
COMPANY_HELD = {
    "company_agent": {"company_agent"},
    "company_admin": {"company_agent", "company_admin"},
    "other_agent": {"company_agent", "company_admin"},
}
# Every staff role of a Procon (a row's `requires` for "any staff here").
STAFF = ("attendant", "conciliator", "inspector", "judge", "tenant_admin", "supervisor")
# Who sees a complaint of this Procon: its staff, its consumer, its company once the CIP was sent.
CASE = (*STAFF, "consumer", "company_agent")
# Who may reschedule a hearing (the others who see the case get 409 for that step).
RESCHEDULERS_400 = (("attendant", 400), ("conciliator", 400), ("tenant_admin", 400))
# A row's `requires` (who reaches it), named.
ANYONE = None  # anyone signed in
CONSUMER = ("consumer",)
AGENT = ("company_agent",)
COMPANY_ADMIN = ("company_admin",)
ADMIN = ("tenant_admin",)
SUPERVISOR = ("supervisor",)
ADMIN_OR_SUPERVISOR = ("tenant_admin", "supervisor")
JUDGE = ("judge",)
ACCEPTERS = ("attendant", "tenant_admin")  # who accepts a complaint after triage
FISCAL = ("inspector", "judge", "tenant_admin")  # the fiscalização staff
FISCAL_OR_AGENT = (*FISCAL, "company_agent")
INSPECTOR = ("inspector",)
JUDGE_OR_ADMIN = ("judge", "tenant_admin")
STAFF_OR_AGENT = (*STAFF, "company_agent")
# The staff who write in a case's threads (messages and requests for information).
THREAD_STAFF = ("attendant", "conciliator", "tenant_admin")


@dataclass(frozen=True)
class Route:
    name: str
    urlconf: str  # "public", "tenant" or "both"
    method: str
    path: str  # may hold {placeholders}, filled with real objects (see the module docstring)
    anonymous: int
    authenticated: int
    # Who reaches the route (see the module docstring); None: anyone signed in.
    requires: tuple[str, ...] | None = None
    # (capacity, status) pairs: a person holding the capacity gets that status instead of
    # `authenticated` (the first pair that applies), e.g. the one role that may take a step.
    acting: tuple[tuple[str, int], ...] = ()
    # The answer does not depend on who asks (the API schema): tried with a few roles only.
    sampled: bool = False


# fmt: off
ROUTES = [
    Route("home", "both", "get", "/", 200, 200, ANYONE),
    Route("healthz", "both", "get", "/healthz", 200, 200, ANYONE),
    # -- the same answer whoever asks: tried with a few roles (`sampled`) --
    Route("favicon", "both", "get", "/favicon.ico", 200, 200, ANYONE, sampled=True),
    Route("api-schema", "both", "get", "/api/v1/schema/", 200, 200, ANYONE, sampled=True),
    Route("api-docs", "both", "get", "/api/v1/docs/", 200, 200, ANYONE, sampled=True),
    # The webhook events' AsyncAPI document describes shapes, never data: public.
    Route("api:webhook-asyncapi", "public", "get", "/api/v1/webhooks/asyncapi.json", 200, 200, ANYONE, sampled=True),
    # -- signing in and out --
    Route("accounts:login", "both", "get", "/entrar/", 200, 302, ANYONE),
    Route("accounts:logout", "both", "post", "/sair/", 302, 302, ANYONE),
    # "Entrar com gov.br" (shared/accounts/govbr/): the start redirects (to the platform's host,
    # or from there to gov.br); without a flow of this browser the callback, the hand-off and the
    # account's proof answer 400; gov.br's logout return goes back home.
    Route("accounts:govbr-login", "both", "get", "/entrar/govbr/", 302, 302, ANYONE),
    Route("accounts:govbr-callback", "both", "get", "/entrar/govbr/retorno/", 400, 400, ANYONE),
    Route("accounts:govbr-handoff", "both", "get", "/entrar/govbr/concluir/", 400, 400, ANYONE),
    Route("accounts:govbr-link", "both", "get", "/entrar/govbr/vincular/", 400, 400, ANYONE),
    Route("accounts:govbr-link", "both", "post", "/entrar/govbr/vincular/", 400, 400, ANYONE),
    Route("accounts:govbr-logout", "both", "get", "/sair/govbr/", 302, 302, ANYONE),
    Route("set_language", "both", "post", "/i18n/setlang/", 302, 302, ANYONE),
    # The city picker's suggestions: reference data, no Procon's data, the same on every host.
    Route("geo:municipality-suggestions", "both", "get", "/cidades/sugestoes/?q=san", 200, 200, ANYONE),
    Route("api:me", "both", "get", "/api/v1/me/", 401, 200, ANYONE),
    # -- text messages (SMS, WhatsApp): the caller's own choice, on any host --
    Route("api:me-text-messages", "both", "get", "/api/v1/me/text-messages/", 401, 200, ANYONE),
    # The matrix's empty body is a field error (400); a valid JSON body answers 200.
    Route("api:me-text-messages", "both", "put", "/api/v1/me/text-messages/", 401, 400, ANYONE),
    # The consumer's page of choices (linked from /conta/meus-dados/ and the case page); an
    # empty form is valid (everything off): saved, then back to the page.
    Route("textmessages:preferences", "tenant", "get", "/conta/mensagens/", 302, 200, ANYONE),
    Route("textmessages:preferences", "tenant", "post", "/conta/mensagens/", 302, 302, ANYONE),
    # The provider's status callback: no login, refused without a valid X-Twilio-Signature
    # before anything is looked up, for any id (a signed callback for another Procon's message:
    # tests/tenants/textmessages/test_status_callbacks.py).
    Route("textmessages:status", "tenant", "post", "/mensagens/1/situacao/", 403, 403, ANYONE, sampled=True),
    Route("api:procon-list", "public", "get", "/api/v1/procons/", 200, 200, ANYONE),
    Route("api:municipality-list", "public", "get", "/api/v1/municipalities/?q=san", 200, 200, ANYONE),
    # Company search: public records on every host (a token is ignored, not required).
    Route("api:company-search", "both", "get", "/api/v1/companies/?q=exemplo", 200, 200, ANYONE),
    Route("api:token-list", "public", "get", "/api/v1/tokens/", 401, 200, ANYONE),
    # The matrix calls the API with each role's token: an empty body is refused before the token
    # is (a token never mints tokens).
    Route("api:token-list", "public", "post", "/api/v1/tokens/", 401, 415, ANYONE),
    Route("api:token-revoke", "public", "delete", "/api/v1/tokens/{token}/", 401, 204, CONSUMER),
    Route("api-tokens", "public", "get", "/conta/tokens/", 302, 200, ANYONE),
    Route("api-token-revoke", "public", "post", "/conta/tokens/{token}/revogar/", 302, 302, CONSUMER),
    Route("api:procon-detail", "tenant", "get", "/api/v1/procon/", 200, 200, ANYONE),
    # -- companies routes --
    Route("api:company-agent-list", "public", "post", "/api/v1/company/agents/", 401, 415, COMPANY_ADMIN),
    Route("api:company-agent-detail", "public", "patch", "/api/v1/company/agents/{agent}/", 401, 400, COMPANY_ADMIN),
    Route("api:company-participation", "public", "put", "/api/v1/company/participation/", 401, 400, COMPANY_ADMIN),
    Route("company_onboarding:apply", "public", "get", "/empresas/adesao/", 200, 200, ANYONE),
    Route("company_onboarding:applied", "public", "get", "/empresas/adesao/enviada/", 200, 200, ANYONE),
    # Only an administrator of a verified group the application conflicts with, once the
    # supervisor asked for consent (tests/onboarding/companies/test_takeover.py); the matrix's
    # application conflicts with nobody, so everyone signed in gets 404.
    Route("company_onboarding:consent", "public", "get", "/empresas/adesao/{company_application}/consentimento/", 302, 404, ANYONE),
    Route("companies:detail", "public", "get", "/empresas/{cnpj}/", 200, 200, ANYONE),
    Route("reputation:rankings", "both", "get", "/indicadores/", 200, 200, ANYONE),
    Route("reputation:company", "both", "get", "/empresas/{cnpj}/indicadores/", 200, 200, ANYONE),
    Route("reputation:company-csv", "both", "get", "/empresas/{cnpj}/indicadores.csv", 200, 200, ANYONE),
    Route("api:reputation-company", "both", "get", "/api/v1/reputation/companies/{cnpj}/", 200, 200, ANYONE),
    Route("api:reputation-rankings", "both", "get", "/api/v1/reputation/rankings/?segment=Nenhum", 400, 400, ANYONE),
    Route("inbox:reputation", "public", "get", "/empresa/caixa/indicadores/", 302, 200, AGENT),
    Route("companies:invitation", "public", "get", "/empresa/convite/invalido/", 400, 400, ANYONE),
    Route("companies:team", "public", "get", "/empresa/equipe/", 302, 200, COMPANY_ADMIN),
    Route("companies:team-role", "public", "post", "/empresa/equipe/{agent}/papel/", 302, 302, COMPANY_ADMIN),
    Route("companies:team-remove", "public", "post", "/empresa/equipe/{agent}/remover/", 302, 302, COMPANY_ADMIN),
    Route("companies:participation", "public", "get", "/empresa/participacao/", 302, 200, COMPANY_ADMIN),
    Route("api:company-application-create", "public", "post", "/api/v1/companies/applications/", 415, 415, ANYONE),
    Route("api:company-agent-list", "public", "get", "/api/v1/company/agents/", 401, 200, COMPANY_ADMIN),
    Route("api:company-agent-detail", "public", "delete", "/api/v1/company/agents/{agent}/", 401, 204, COMPANY_ADMIN),
    Route("api:company-participation", "public", "get", "/api/v1/company/participation/", 401, 200, COMPANY_ADMIN),
    Route("company_onboarding:supervision-list", "tenant", "get", "/supervisao/empresas/", 302, 200, SUPERVISOR),
    Route("company_onboarding:supervision-detail", "tenant", "get", "/supervisao/empresas/{company_application}/", 302, 200, SUPERVISOR),
    Route("api:supervision-company-application-list", "tenant", "get", "/api/v1/supervision/company-applications/", 401, 200, SUPERVISOR),
    Route("api:supervision-company-application-approve", "tenant", "post", "/api/v1/supervision/company-applications/{company_application}/approve/", 401, 200, SUPERVISOR),
    # The matrix's application conflicts with no verified group: nothing to ask (400).
    Route("api:supervision-company-application-request-consent", "tenant", "post", "/api/v1/supervision/company-applications/{company_application}/request-consent/", 401, 400, SUPERVISOR),
    # Only the conflicting group's administrators (tests/onboarding/companies/test_takeover.py).
    Route("api:company-application-consent", "public", "post", "/api/v1/companies/applications/{company_application}/consent/", 401, 404, ANYONE),
    Route("api:supervision-company-application-reject", "tenant", "post", "/api/v1/supervision/company-applications/{company_application}/reject/", 401, 415, SUPERVISOR),
    # -- inbox routes --
    Route("api:inbox-attachment", "public", "get", "/api/v1/inbox/{procon}/{complaint}/attachments/{attachment}/", 401, 200, AGENT),
    Route("inbox:list", "public", "get", "/empresa/caixa/", 302, 200, AGENT),
    # The Procon and company thread of a case, from the inbox (tests/tenants/complaints/test_messages*.py).
    Route("inbox:message", "public", "post", "/empresa/caixa/{procon}/{complaint}/mensagens/", 302, 400, AGENT),
    Route("api:inbox-messages", "public", "get", "/api/v1/inbox/{procon}/{complaint}/messages/", 401, 200, AGENT),
    Route("api:inbox-messages", "public", "post", "/api/v1/inbox/{procon}/{complaint}/messages/", 401, 400, AGENT),
    Route("inbox:csv", "public", "get", "/empresa/caixa.csv", 302, 200, AGENT),
    Route("inbox:case", "public", "get", "/empresa/caixa/{procon}/{complaint}/", 302, 200, AGENT),
    Route("inbox:answer", "public", "post", "/empresa/caixa/{procon}/{complaint}/responder/", 302, 400, AGENT),
    Route("inbox:attachment", "public", "get", "/empresa/caixa/{procon}/{complaint}/anexos/{attachment}/", 302, 200, AGENT),
    # The company accepts the minutes from its inbox too; world's hearing has none yet (the
    # inbox's conflict page, minutes_not_recorded), so the PDF and the letter are 404.
    Route("inbox:minutes-accept", "public", "post", "/empresa/caixa/{procon}/{complaint}/audiencias/{hearing}/aceite/", 302, 409, AGENT),
    Route("inbox:minutes-pdf", "public", "get", "/empresa/caixa/{procon}/{complaint}/audiencias/{hearing}/ata.pdf", 302, 404, AGENT),
    Route("inbox:minutes-letter", "public", "get", "/empresa/caixa/{procon}/{complaint}/audiencias/{hearing}/carta-de-preposicao/", 302, 404, AGENT),
    Route("api:inbox-list", "public", "get", "/api/v1/inbox/", 401, 200, AGENT),
    Route("api:inbox-counts", "public", "get", "/api/v1/inbox/counts/", 401, 200, AGENT),
    Route("api:inbox-case", "public", "get", "/api/v1/inbox/{procon}/{complaint}/", 401, 200, AGENT),
    Route("api:inbox-answer", "public", "post", "/api/v1/inbox/{procon}/{complaint}/answer/", 401, 400, AGENT),
    Route("complaints:access-code", "tenant", "get", "/responder/", 200, 200, ANYONE),
    Route("complaints:access-code-case", "tenant", "get", "/responder/{complaint}/", 404, 404, ANYONE),
    Route("complaints:access-code-answer", "tenant", "post", "/responder/{complaint}/enviar/", 404, 404, ANYONE),
    Route("complaints:access-code-attachment", "tenant", "get", "/responder/{complaint}/anexos/{attachment}/", 404, 404, ANYONE),
    Route("complaints:access-code-message", "tenant", "post", "/responder/{complaint}/mensagens/", 404, 404, ANYONE),
    # -- the counter (tests/tenants/counter/): attendants register atendimentos; a consumer reads
    # their own; the account claim answers the same whoever asks --
    # The consumer's consent to publish the facts (tenants/narratives): the case's consumer acts;
    # this Procon's staff read it (and are refused the consumer's step).
    Route("narratives_consumer:narrative", "tenant", "get", "/reclamacoes/{complaint}/relato/", 302, 200, ("consumer", *STAFF)),
    Route("narratives_consumer:narrative", "tenant", "post", "/reclamacoes/{complaint}/relato/", 302, 400, CONSUMER),
    Route("api:narrative-consumer-detail", "tenant", "get", "/api/v1/complaints/{complaint}/narrative/", 401, 200, ("consumer", *STAFF)),
    Route("api:narrative-consumer-detail", "tenant", "post", "/api/v1/complaints/{complaint}/narrative/", 401, 200, ("consumer", *STAFF), acting=tuple((role, 409) for role in STAFF)),
    Route("api:narrative-consumer-detail", "tenant", "delete", "/api/v1/complaints/{complaint}/narrative/", 401, 200, ("consumer", *STAFF), acting=tuple((role, 409) for role in STAFF)),
    # Consented narratives: the moderators' queue and decisions (tenants/narratives).
    Route("narratives_moderation:queue", "tenant", "get", "/relatos/", 302, 200, ACCEPTERS),
    Route("narratives_moderation:narrative", "tenant", "get", "/relatos/{complaint}/", 302, 200, ACCEPTERS),
    Route("narratives_moderation:approve", "tenant", "post", "/relatos/{complaint}/aprovar/", 302, 400, ACCEPTERS),
    Route("narratives_moderation:refuse", "tenant", "post", "/relatos/{complaint}/recusar/", 302, 400, ACCEPTERS),
    Route("narratives_moderation:response", "tenant", "get", "/relatos/{complaint}/resposta/", 302, 200, ACCEPTERS),
    Route("narratives_moderation:approve-response", "tenant", "post", "/relatos/{complaint}/resposta/aprovar/", 302, 400, ACCEPTERS),
    Route("narratives_moderation:refuse-response", "tenant", "post", "/relatos/{complaint}/resposta/recusar/", 302, 400, ACCEPTERS),
    Route("api:narrative-moderation-list", "tenant", "get", "/api/v1/narratives/", 401, 200, ACCEPTERS),
    Route("api:narrative-moderation-response-list", "tenant", "get", "/api/v1/narratives/responses/", 401, 200, ACCEPTERS),
    Route("api:narrative-moderation-detail", "tenant", "get", "/api/v1/narratives/{complaint}/", 401, 200, ACCEPTERS),
    Route("api:narrative-moderation-approve", "tenant", "post", "/api/v1/narratives/{complaint}/approve/", 401, 415, ACCEPTERS),
    Route("api:narrative-moderation-refuse", "tenant", "post", "/api/v1/narratives/{complaint}/refuse/", 401, 415, ACCEPTERS),
    Route("api:narrative-moderation-response-approve", "tenant", "post", "/api/v1/narratives/{complaint}/response/approve/", 401, 415, ACCEPTERS),
    Route("api:narrative-moderation-response-refuse", "tenant", "post", "/api/v1/narratives/{complaint}/response/refuse/", 401, 415, ACCEPTERS),
    # The company's public response, from its inbox, and the company's public page of narratives.
    Route("inbox:public-response", "public", "post", "/empresa/caixa/{procon}/{complaint}/resposta-publica/", 302, 400, AGENT),
    Route("api:inbox-public-response", "public", "get", "/api/v1/inbox/{procon}/{complaint}/public-response/", 401, 200, AGENT),
    Route("api:inbox-public-response", "public", "post", "/api/v1/inbox/{procon}/{complaint}/public-response/", 401, 415, AGENT),
    Route("reputation:narratives", "both", "get", "/empresas/{cnpj}/relatos/", 200, 200, ANYONE),
    Route("api:reputation-company-narratives", "both", "get", "/api/v1/reputation/companies/{cnpj}/narratives/", 200, 200, ANYONE),
    Route("counter:counter", "tenant", "get", "/balcao/", 302, 200, ACCEPTERS),
    Route("counter:counter", "tenant", "post", "/balcao/", 302, 200, ACCEPTERS),
    Route("counter:consumer", "tenant", "get", "/balcao/consumidor/", 302, 200, ACCEPTERS),
    Route("counter:consumer", "tenant", "post", "/balcao/consumidor/", 302, 400, ACCEPTERS),
    Route("counter:new", "tenant", "get", "/balcao/novo/", 302, 302, ACCEPTERS),
    Route("counter:new", "tenant", "post", "/balcao/novo/", 302, 302, ACCEPTERS),
    Route("counter:detail", "tenant", "get", "/atendimentos/{intake}/", 302, 200, ACCEPTERS),
    Route("counter:receipt", "tenant", "get", "/atendimentos/{intake}/comprovante.pdf", 302, 200, (*ACCEPTERS, "consumer")),
    Route("counter:email-receipt", "tenant", "post", "/atendimentos/{intake}/enviar-comprovante/", 302, 302, ACCEPTERS),
    Route("counter:mine", "tenant", "get", "/meus-atendimentos/", 302, 200, ANYONE),
    Route("api:intake-list", "tenant", "get", "/api/v1/intakes/", 401, 200, ANYONE),
    Route("api:intake-list", "tenant", "post", "/api/v1/intakes/", 401, 415, ACCEPTERS),
    Route("api:intake-detail", "tenant", "get", "/api/v1/intakes/{intake}/", 401, 200, (*ACCEPTERS, "consumer")),
    Route("api:intake-receipt", "tenant", "get", "/api/v1/intakes/{intake}/receipt.pdf", 401, 200, (*ACCEPTERS, "consumer")),
    Route("api:intake-email-receipt", "tenant", "post", "/api/v1/intakes/{intake}/email-receipt/", 401, 200, ACCEPTERS),
    Route("api:counter-consumers", "tenant", "get", "/api/v1/counter/consumers/?cpf=52998224725", 401, 404, ACCEPTERS),
    Route("api:counter-consumers", "tenant", "post", "/api/v1/counter/consumers/", 401, 415, ACCEPTERS),
    Route("claim:start", "tenant", "get", "/conta/ativar/", 200, 200, ANYONE),
    Route("claim:sent", "tenant", "get", "/conta/ativar/enviado/", 302, 302, ANYONE),
    Route("claim:confirm-email", "tenant", "get", "/conta/ativar/email/invalido/", 400, 400, ANYONE),
    Route("claim:set-password", "tenant", "get", "/conta/ativar/MQ/invalido/", 400, 400, ANYONE),
    # -- company API key routes (a key itself is refused on them: tests/shared/companies/
    # test_api_keys.py); the person's token endpoint takes JSON only, from anyone --
    Route("api:auth-token", "public", "post", "/api/v1/auth/token/", 415, 415, ANYONE),
    Route("companies:api-keys", "public", "get", "/empresa/chaves/", 302, 200, COMPANY_ADMIN),
    Route("companies:api-key", "public", "get", "/empresa/chaves/{api_key}/", 302, 200, COMPANY_ADMIN),
    Route("companies:api-key-revoke", "public", "post", "/empresa/chaves/{api_key}/revogar/", 302, 302, COMPANY_ADMIN),
    Route("api:company-api-key-list", "public", "get", "/api/v1/company/api-keys/", 401, 200, COMPANY_ADMIN),
    Route("api:company-api-key-list", "public", "post", "/api/v1/company/api-keys/", 401, 415, COMPANY_ADMIN),
    Route("api:company-api-key-detail", "public", "get", "/api/v1/company/api-keys/{api_key}/", 401, 200, COMPANY_ADMIN),
    Route("api:company-api-key-detail", "public", "delete", "/api/v1/company/api-keys/{api_key}/", 401, 204, COMPANY_ADMIN),
    Route("api:company-api-key-rotate", "public", "post", "/api/v1/company/api-keys/{api_key}/rotate/", 401, 415, COMPANY_ADMIN),
    Route("api:company-api-key-uses", "public", "get", "/api/v1/company/api-keys/{api_key}/uses/", 401, 200, COMPANY_ADMIN),
    # -- webhooks routes --
    Route("webhooks:endpoints", "public", "get", "/empresa/webhooks/", 302, 200, COMPANY_ADMIN),
    Route("webhooks:set-active", "public", "post", "/empresa/webhooks/{webhook}/ativo/", 302, 302, COMPANY_ADMIN),
    Route("webhooks:delete", "public", "post", "/empresa/webhooks/{webhook}/excluir/", 302, 302, COMPANY_ADMIN),
    Route("webhooks:ping", "public", "post", "/empresa/webhooks/{webhook}/testar/", 302, 302, COMPANY_ADMIN),
    Route("webhooks:deliveries", "public", "get", "/empresa/webhooks/{webhook}/entregas/", 302, 200, COMPANY_ADMIN),
    Route("api:webhook-list", "public", "get", "/api/v1/company/webhooks/", 401, 200, COMPANY_ADMIN),
    Route("api:webhook-list", "public", "post", "/api/v1/company/webhooks/", 401, 415, COMPANY_ADMIN),
    Route("api:webhook-detail", "public", "delete", "/api/v1/company/webhooks/{webhook}/", 401, 204, COMPANY_ADMIN),
    Route("api:webhook-deliveries", "public", "get", "/api/v1/company/webhooks/{webhook}/deliveries/", 401, 200, COMPANY_ADMIN),
    Route("api:webhook-ping", "public", "post", "/api/v1/company/webhooks/{webhook}/ping/", 401, 202, COMPANY_ADMIN),
    # Without a body: the page's form says what is missing, the API refuses the type.
    Route("webhooks:replay", "public", "post", "/empresa/webhooks/{webhook}/entregas/reenviar/", 302, 400, COMPANY_ADMIN),
    Route("api:webhook-replay", "public", "post", "/api/v1/company/webhooks/{webhook}/replay/", 401, 415, COMPANY_ADMIN),
    # -- staff routes --
    # -- adhesion routes --
    Route("api:supervision-procon-list", "tenant", "get", "/api/v1/supervision/procons/", 401, 200, SUPERVISOR),
    Route("api:supervision-procon-suspend", "tenant", "post", "/api/v1/supervision/procons/{slug}/suspend/", 401, 415, SUPERVISOR),
    Route("api:supervision-procon-reactivate", "tenant", "post", "/api/v1/supervision/procons/{slug}/reactivate/", 401, 415, SUPERVISOR),
    Route("procon_onboarding:apply", "public", "get", "/adesao/", 200, 200, ANYONE),
    Route("procon_onboarding:verify", "public", "get", "/adesao/confirmar/invalido/", 400, 400, ANYONE),
    Route("procon_onboarding:status", "public", "get", "/adesao/invalido/", 404, 404, ANYONE),
    Route("api:procon-application-create", "public", "post", "/api/v1/procon-applications/", 415, 415, ANYONE),
    Route("procon_onboarding:invitation", "tenant", "get", "/adesao/convite/invalido/", 400, 400, ANYONE),
    Route("procon_onboarding:supervision-list", "tenant", "get", "/supervisao/adesoes/", 302, 200, SUPERVISOR),
    Route("procon_onboarding:supervision-detail", "tenant", "get", "/supervisao/adesoes/{procon_application}/", 302, 200, SUPERVISOR),
    Route("procons:procon-list", "tenant", "get", "/supervisao/procons/", 302, 200, SUPERVISOR),
    Route("procons:procon-detail", "tenant", "get", "/supervisao/procons/{slug}/", 302, 200, SUPERVISOR),
    Route("api:supervision-procon-application-list", "tenant", "get", "/api/v1/supervision/procon-applications/", 401, 200, SUPERVISOR),
    # Approving needs no body; a rejection needs its reason; nothing failed to retry.
    Route("api:supervision-procon-application-approve", "tenant", "post", "/api/v1/supervision/procon-applications/{procon_application}/approve/", 401, 200, SUPERVISOR),
    Route("api:supervision-procon-application-reject", "tenant", "post", "/api/v1/supervision/procon-applications/{procon_application}/reject/", 401, 415, SUPERVISOR),
    Route("api:supervision-procon-application-retry", "tenant", "post", "/api/v1/supervision/procon-applications/{procon_application}/retry/", 401, 409, SUPERVISOR),
    # -- supervision dashboard routes --
    Route("supervision:dashboard", "tenant", "get", "/supervisao/painel/", 302, 200, SUPERVISOR),
    Route("supervision:tenants", "tenant", "get", "/supervisao/painel/procons/", 302, 200, SUPERVISOR),
    Route("supervision:procon", "tenant", "get", "/supervisao/painel/procons/santos/", 302, 200, SUPERVISOR),
    Route("supervision:companies", "tenant", "get", "/supervisao/painel/empresas/", 302, 200, SUPERVISOR),
    Route("supervision:company", "tenant", "get", "/supervisao/painel/empresas/0/", 302, 404, SUPERVISOR),
    Route("supervision:alerts", "tenant", "get", "/supervisao/painel/alertas/", 302, 200, SUPERVISOR),
    Route("supervision:alert-detail", "tenant", "get", "/supervisao/painel/alertas/{alert}/", 302, 200, SUPERVISOR),
    Route("api:supervision-figures", "tenant", "get", "/api/v1/supervision/figures/", 401, 200, SUPERVISOR),
    Route("api:supervision-figures-procons", "tenant", "get", "/api/v1/supervision/figures/procons/", 401, 200, SUPERVISOR),
    Route("api:supervision-figures-atendimentos", "tenant", "get", "/api/v1/supervision/figures/atendimentos/", 401, 200, SUPERVISOR),
    Route("api:supervision-figures-companies", "tenant", "get", "/api/v1/supervision/figures/companies/", 401, 200, SUPERVISOR),
    Route("api:supervision-figures-company", "tenant", "get", "/api/v1/supervision/figures/companies/0/", 401, 404, SUPERVISOR),
    Route("api:supervision-alerts", "tenant", "get", "/api/v1/supervision/alerts/", 401, 200, SUPERVISOR),
    # -- audit routes --
    Route("audit:log", "tenant", "get", "/auditoria/", 302, 200, ADMIN_OR_SUPERVISOR),
    Route("api:audit-log", "tenant", "get", "/api/v1/audit/", 401, 200, ADMIN_OR_SUPERVISOR),
    # -- billing routes --
    Route("billing:subscription", "tenant", "get", "/configuracoes/assinatura/", 302, 200, ADMIN),
    Route("billing:checkout", "tenant", "post", "/configuracoes/assinatura/pagar/", 302, 302, ADMIN),
    Route("billing:portal", "tenant", "post", "/configuracoes/assinatura/gerenciar/", 302, 302, ADMIN),
    Route("billing:grant-free", "tenant", "get", "/supervisao/procons/{slug}/plano/", 302, 200, SUPERVISOR),
    Route("api:billing-stripe-webhook", "public", "post", "/api/v1/billing/stripe/webhook/", 400, 400, ANYONE),
    Route("configuration:staff", "tenant", "get", "/configuracoes/equipe/", 302, 200, ADMIN),
    Route("configuration:staff-remove", "tenant", "post", "/configuracoes/equipe/{staff}/remover/", 302, 302, ADMIN),
    Route("api:staff-list", "tenant", "get", "/api/v1/settings/staff/", 401, 200, ADMIN),
    Route("api:staff-detail", "tenant", "delete", "/api/v1/settings/staff/{staff}/", 401, 204, ADMIN),
    Route("configuration:staff-invitation-revoke", "tenant", "post", "/configuracoes/equipe/convites/{invitation}/revogar/", 302, 302, ADMIN),
    Route("api:staff-invitation-list", "tenant", "get", "/api/v1/settings/staff/invitations/", 401, 200, ADMIN),
    Route("api:staff-invitation-detail", "tenant", "delete", "/api/v1/settings/staff/invitations/{invitation}/", 401, 204, ADMIN),
    # A staff invitation link, accepted on its Procon's host (an invalid one explains why).
    Route("staff_invitations:accept", "tenant", "get", "/equipe/convite/invalido/", 400, 400, ANYONE),
    Route("complaints:cip-pdf", "tenant", "get", "/reclamacoes/{complaint}/cip.pdf", 302, 200, STAFF_OR_AGENT),
    # -- accounts routes --
    Route("accounts:register", "both", "get", "/cadastro/", 200, 302, ANYONE),
    Route("accounts:register-done", "both", "get", "/cadastro/confirme-seu-email/", 302, 200, ANYONE),
    Route("accounts:resend-verification", "both", "post", "/cadastro/confirmar/reenviar/", 302, 302, ANYONE),
    Route("accounts:verify-email", "both", "get", "/cadastro/confirmar/invalido/", 400, 400, ANYONE),
    Route("accounts:password-change", "both", "get", "/conta/senha/", 302, 200, ANYONE),
    Route("accounts:password-reset", "both", "get", "/senha/recuperar/", 200, 200, ANYONE),
    Route("accounts:password-reset-done", "both", "get", "/senha/recuperar/enviado/", 200, 200, ANYONE),
    Route("accounts:password-reset-confirm", "both", "get", "/senha/redefinir/MQ/x-y/", 200, 200, ANYONE),
    Route("accounts:password-reset-complete", "both", "get", "/senha/redefinida/", 200, 200, ANYONE),
    # -- two-step verification routes (a signed-in person here has passed the code step) --
    Route("accounts:two-factor-verify", "both", "get", "/entrar/verificacao/", 302, 302, ANYONE),
    Route("accounts:two-factor-setup", "both", "get", "/entrar/verificacao/configurar/", 302, 200, ANYONE),
    Route("accounts:two-factor", "both", "get", "/conta/verificacao/", 302, 200, ANYONE),
    Route("accounts:two-factor-backup-codes", "both", "post", "/conta/verificacao/codigos/", 302, 200, ANYONE),
    Route("accounts:two-factor-disable", "both", "post", "/conta/verificacao/desativar/", 302, 302, ANYONE),
    Route("api:register", "both", "post", "/api/v1/accounts/register/", 415, 415, ANYONE),
    Route("api:verify-email", "both", "post", "/api/v1/accounts/verify-email/", 415, 415, ANYONE),
    Route("where-to-file", "public", "get", "/onde-reclamar/?city=Santos", 302, 302, ANYONE),
    Route("api:procon-serving", "public", "get", "/api/v1/procons/serving/?ibge_code=3548500", 200, 200, ANYONE),
    # -- configuration routes --
    # An empty PATCH changes nothing.
    Route("api:settings", "tenant", "patch", "/api/v1/settings/", 401, 200, ADMIN),
    Route("api:holiday-list", "tenant", "post", "/api/v1/settings/holidays/", 401, 415, ADMIN),
    Route("api:staff-invitation-list", "tenant", "post", "/api/v1/settings/staff/invitations/", 401, 415, ADMIN),
    Route("configuration:settings", "tenant", "get", "/configuracoes/", 302, 200, ADMIN),
    Route("configuration:communication", "tenant", "get", "/configuracoes/comunicacao/", 302, 200, ADMIN),
    Route("configuration:holidays", "tenant", "get", "/configuracoes/feriados/", 302, 200, ADMIN),
    Route("configuration:holiday-remove", "tenant", "post", "/configuracoes/feriados/{holiday}/remover/", 302, 302, ADMIN),
    Route("configuration:catalogue", "tenant", "get", "/configuracoes/catalogo/", 302, 200, ADMIN),
    Route("configuration:subject-add", "tenant", "get", "/configuracoes/catalogo/assuntos/novo/", 302, 200, ADMIN),
    Route("configuration:subject-active", "tenant", "post", "/configuracoes/catalogo/assuntos/{subject}/ativo/", 302, 404, ADMIN),
    Route("configuration:problem-add", "tenant", "get", "/configuracoes/catalogo/problemas/novo/", 302, 200, ADMIN),
    Route("configuration:problem-active", "tenant", "post", "/configuracoes/catalogo/problemas/{problem}/ativo/", 302, 404, ADMIN),
    Route("api:settings", "tenant", "get", "/api/v1/settings/", 401, 200, ADMIN),
    Route("api:holiday-list", "tenant", "get", "/api/v1/settings/holidays/", 401, 200, ADMIN),
    Route("api:holiday-detail", "tenant", "delete", "/api/v1/settings/holidays/{holiday}/", 401, 204, ADMIN),
    Route("api:catalogue", "tenant", "get", "/api/v1/catalogue/", 200, 200, ANYONE),
    # The catalogue's hierarchy and the merge of duplicate subjects (tests/tenants/catalogue/).
    Route("configuration:subject-problems", "tenant", "get", "/configuracoes/catalogo/assuntos/{subject}/problemas/", 302, 200, ADMIN),
    Route("configuration:subject-merge", "tenant", "get", "/configuracoes/catalogo/assuntos/{subject}/unir/", 302, 200, ADMIN),
    Route("api:catalogue-subject-problems", "tenant", "get", "/api/v1/catalogue/subjects/{subject}/problems/", 200, 200, ANYONE),
    Route("api:catalogue-subject-problems", "tenant", "put", "/api/v1/catalogue/subjects/{subject}/problems/", 401, 400, ADMIN),
    Route("api:catalogue-subject-merge", "tenant", "post", "/api/v1/catalogue/subjects/{subject}/merge/", 401, 415, ADMIN),
    # -- hearings routes --
    Route("hearings:schedule", "tenant", "post", "/reclamacoes/{complaint}/audiencia/agendar/", 302, 409, CASE),
    Route("hearings:reschedule", "tenant", "post", "/reclamacoes/{complaint}/audiencia/{hearing}/remarcar/", 302, 409, CASE, acting=RESCHEDULERS_400),
    Route("hearings:minutes", "tenant", "post", "/reclamacoes/{complaint}/audiencia/{hearing}/ata/", 302, 409, CASE, acting=(("conciliator", 400), ("tenant_admin", 400))),
    Route("hearings:invitation", "tenant", "get", "/reclamacoes/{complaint}/audiencia/{hearing}/convite.ics", 302, 200, CASE),
    Route("hearings:minutes-pdf", "tenant", "get", "/reclamacoes/{complaint}/audiencia/{hearing}/ata.pdf", 302, 404, ANYONE),
    Route("api:complaint-hearings", "tenant", "get", "/api/v1/complaints/{complaint}/hearings/", 401, 200, CASE),
    # The documents in API v1: whoever sees the case (the CIP: its staff and company); the
    # hearing has no minutes yet.
    Route("api:hearing-invitation", "tenant", "get", "/api/v1/hearings/{hearing}/invitation.ics", 401, 200, CASE),
    Route("api:hearing-minutes-pdf", "tenant", "get", "/api/v1/hearings/{hearing}/minutes.pdf", 401, 404, ANYONE),
    Route("api:complaint-cip-pdf", "tenant", "get", "/api/v1/complaints/{complaint}/cip.pdf", 401, 200, STAFF_OR_AGENT),
    Route("api:complaint-attachment", "tenant", "get", "/api/v1/complaints/{complaint}/attachments/{attachment}/", 401, 200, CASE),
    Route("api:complaint-hearings", "tenant", "post", "/api/v1/complaints/{complaint}/hearings/", 401, 409, CASE),
    Route("api:hearing-reschedule", "tenant", "post", "/api/v1/hearings/{hearing}/reschedule/", 401, 409, CASE, acting=tuple((role, 415) for role, _status in RESCHEDULERS_400)),
    # The minutes take multipart (the carta de preposição): an empty body is a field error.
    Route("api:hearing-minutes", "tenant", "post", "/api/v1/hearings/{hearing}/minutes/", 401, 409, CASE, acting=(("conciliator", 400), ("tenant_admin", 400))),
    # The case's parties accept the held hearing's minutes; world's hearing has none yet (409
    # minutes_not_recorded for them, 409 not_allowed for staff who see the case).
    Route("hearings:minutes-accept", "tenant", "post", "/reclamacoes/{complaint}/audiencia/{hearing}/ata/aceite/", 302, 409, CASE),
    # The preposto's letter: staff and the case's company only; world's hearing has none (404 to
    # all; tests/tenants/hearings/test_attendance_pages.py serves a real one).
    Route("hearings:authorisation-letter", "tenant", "get", "/reclamacoes/{complaint}/audiencia/{hearing}/carta-de-preposicao/", 302, 404, ANYONE),
    Route("api:hearing-minutes-accept", "tenant", "post", "/api/v1/hearings/{hearing}/minutes/accept/", 401, 409, CASE),
    Route("api:hearing-authorisation-letter", "tenant", "get", "/api/v1/hearings/{hearing}/authorisation-letter", 401, 404, ANYONE),
    # -- hearing scheduling: free times, rooms, the conciliator's agenda and feed --
    # The schedule page checks the step first, like its POST: world's case already has its hearing.
    Route("hearings:schedule", "tenant", "get", "/reclamacoes/{complaint}/audiencia/agendar/", 302, 409, CASE),
    Route("hearings:reschedule", "tenant", "get", "/reclamacoes/{complaint}/audiencia/{hearing}/remarcar/", 302, 409, CASE, acting=(("attendant", 200), ("conciliator", 200), ("tenant_admin", 200))),
    Route("hearings:agenda", "tenant", "get", "/audiencias/agenda/", 302, 200, ("conciliator", "tenant_admin")),
    # The new feed link is shown once on the page (200), never through a redirect.
    Route("hearings:agenda-new-feed", "tenant", "post", "/audiencias/agenda/calendario/", 302, 200, ("conciliator",)),
    # A feed needs no login: an unknown key is 404 to everyone (a live key: test_agenda.py).
    Route("hearings:agenda-feed", "tenant", "get", "/audiencias/agenda/chave-desconhecida.ics", 404, 404, ANYONE),
    Route("configuration:hearing-rooms", "tenant", "get", "/configuracoes/salas-de-audiencia/", 302, 200, ADMIN),
    Route("configuration:hearing-room-edit", "tenant", "get", "/configuracoes/salas-de-audiencia/{room}/", 302, 200, ADMIN),
    # Without ?conciliator= a field error for staff; the parties see the case, not the calendar.
    Route("api:complaint-hearing-slots", "tenant", "get", "/api/v1/complaints/{complaint}/hearings/slots/", 401, 400, STAFF),
    # An administrator who is not a conciliator must name one (400).
    Route("api:hearing-agenda", "tenant", "get", "/api/v1/hearings/agenda/", 401, 200, ("conciliator", "tenant_admin"), acting=(("conciliator", 200), ("tenant_admin", 400))),
    Route("api:hearing-room-list", "tenant", "get", "/api/v1/hearing-rooms/", 401, 200, ("attendant", "conciliator", "tenant_admin")),
    Route("api:hearing-room-list", "tenant", "post", "/api/v1/hearing-rooms/", 401, 415, ADMIN),
    # An empty PATCH changes nothing and answers the room.
    Route("api:hearing-room-detail", "tenant", "patch", "/api/v1/hearing-rooms/{room}/", 401, 200, ADMIN),
    # -- complaints api routes --
    Route("api:complaint-list", "tenant", "get", "/api/v1/complaints/", 401, 200, ANYONE),
    Route("api:complaint-list", "tenant", "post", "/api/v1/complaints/", 401, 400, ANYONE),
    Route("api:complaint-detail", "tenant", "get", "/api/v1/complaints/{complaint}/", 401, 200, CASE),
    *[
        Route(f"api:complaint-step-{step}", "tenant", "post", f"/api/v1/complaints/{{complaint}}/{step}/", 401, 400 if step in {"reply", "answer"} else 415, requires=CASE)
        for step in API_STEPS
    ],
    # -- complaints routes --
    Route("complaints:file", "tenant", "get", "/reclamar/", 302, 200, ANYONE),
    Route("complaints:company-search", "tenant", "get", "/reclamar/empresas/?q=viv", 302, 200, ANYONE),
    Route("complaints:mine", "tenant", "get", "/minhas-reclamacoes/", 302, 200, ANYONE),
    Route("complaints:queue", "tenant", "get", "/atendimento/", 302, 200, STAFF),
    Route("complaints:detail", "tenant", "get", "/reclamacoes/{complaint}/", 302, 200, CASE),
    # Messages on the case, documents after filing, reclassification (tests/tenants/complaints/).
    Route("complaints:message", "tenant", "post", "/reclamacoes/{complaint}/mensagens/consumidor/", 302, 400, (*THREAD_STAFF, "consumer")),
    Route("complaints:message", "tenant", "post", "/reclamacoes/{complaint}/mensagens/empresa/", 302, 400, (*THREAD_STAFF, "company_agent")),
    Route("complaints:add-documents", "tenant", "post", "/reclamacoes/{complaint}/documentos/", 302, 400, CONSUMER),
    Route("complaints:reclassify", "tenant", "post", "/reclamacoes/{complaint}/reclassificar/", 302, 400, ACCEPTERS),
    Route("complaints:suggestions", "tenant", "get", "/reclamacoes/{complaint}/sugestoes/", 302, 200, ACCEPTERS),
    Route("api:complaint-suggestions", "tenant", "get", "/api/v1/complaints/{complaint}/suggestions/", 401, 200, ACCEPTERS),
    Route("complaints:subject-problems", "tenant", "get", "/reclamar/problemas/?subject={subject}", 200, 200, ANYONE),
    # Inspectors and judges see the case but take no part in its threads; each party reads its
    # own thread and writes there (400 for an empty body), anyone else who sees the case gets 409.
    Route("api:complaint-messages", "tenant", "get", "/api/v1/complaints/{complaint}/messages/", 401, 200, (*THREAD_STAFF, "consumer", "company_agent")),
    Route("api:complaint-messages", "tenant", "post", "/api/v1/complaints/{complaint}/messages/", 401, 409, CASE, acting=tuple((role, 400) for role in (*THREAD_STAFF, "consumer", "company_agent"))),
    Route("api:complaint-information-requests", "tenant", "post", "/api/v1/complaints/{complaint}/information-requests/", 401, 409, CASE, acting=tuple((role, 400) for role in THREAD_STAFF)),
    Route("api:complaint-documents", "tenant", "post", "/api/v1/complaints/{complaint}/documents/", 401, 409, CASE, acting=(("consumer", 400),)),
    Route("api:complaint-reclassify", "tenant", "post", "/api/v1/complaints/{complaint}/reclassify/", 401, 409, CASE, acting=(("attendant", 415), ("tenant_admin", 415))),
    Route("complaints:attachment", "tenant", "get", "/reclamacoes/{complaint}/anexos/{attachment}/", 302, 200, CASE),
    # The case is at its hearing: too late to accept it, for those who could.
    Route("complaints:act", "tenant", "post", "/reclamacoes/{complaint}/aceitar/", 302, 409, ACCEPTERS),
    # -- sanctions routes --
    # `{inspection}` is open (with `{evidence}`); `{notice}` was notified and defended (with
    # `{notice_evidence}`); `{code}` is its auto's verification code.
    Route("sanctions:home", "tenant", "get", "/fiscalizacao/", 302, 200, FISCAL),
    Route("sanctions:inspection-create", "tenant", "get", "/fiscalizacao/inspecoes/nova/", 302, 200, INSPECTOR),
    Route("sanctions:settings", "tenant", "get", "/configuracoes/fiscalizacao/", 302, 200, ADMIN),
    Route("sanctions:inspection", "tenant", "get", "/fiscalizacao/inspecoes/{inspection}/", 302, 200, FISCAL),
    Route("sanctions:inspection-evidence", "tenant", "post", "/fiscalizacao/inspecoes/{inspection}/evidencias/", 302, 400, INSPECTOR),
    Route("sanctions:inspection-close", "tenant", "post", "/fiscalizacao/inspecoes/{inspection}/encerrar/", 302, 400, INSPECTOR),
    Route("sanctions:notice-new", "tenant", "get", "/fiscalizacao/inspecoes/{inspection}/auto/", 302, 200, INSPECTOR),
    Route("sanctions:evidence", "tenant", "get", "/fiscalizacao/evidencias/{evidence}/", 302, 200, FISCAL),
    Route("sanctions:process", "tenant", "get", "/fiscalizacao/processos/{notice}/", 302, 200, FISCAL),
    Route("sanctions:notify", "tenant", "post", "/fiscalizacao/processos/{notice}/notificar/", 302, 409, FISCAL),
    Route("sanctions:decide", "tenant", "get", "/fiscalizacao/processos/{notice}/decidir/", 302, 200, JUDGE),
    Route("sanctions:decide-appeal", "tenant", "get", "/fiscalizacao/processos/{notice}/recurso/decidir/", 302, 200, JUDGE),
    Route("sanctions:payment", "tenant", "post", "/fiscalizacao/processos/{notice}/pagamento/", 302, 400, JUDGE_OR_ADMIN),
    Route("sanctions:collection", "tenant", "post", "/fiscalizacao/processos/{notice}/cobranca/", 302, 409, JUDGE_OR_ADMIN),
    # The decision form's fine preview (JSON): reached as the decision step is, by the judge.
    Route("sanctions:decide-preview", "tenant", "get", "/fiscalizacao/processos/{notice}/decidir/previa/", 302, 200, JUDGE),
    # The auto as PDF: its Procon's fiscalização staff and its company's agents; no decision yet.
    Route("sanctions:notice-pdf", "tenant", "get", "/fiscalizacao/processos/{notice}/auto.pdf", 404, 200, FISCAL_OR_AGENT),
    Route("sanctions:decision-pdf", "tenant", "get", "/fiscalizacao/processos/{notice}/decisoes/1.pdf", 404, 404, ANYONE),
    # The same documents in API v1 (tokens and keys with sanctions:read).
    Route("api:sanction-process-notice-pdf", "tenant", "get", "/api/v1/sanctions/processes/{notice}/auto.pdf", 401, 200, FISCAL_OR_AGENT),
    Route("api:sanction-process-decision-pdf", "tenant", "get", "/api/v1/sanctions/processes/{notice}/decisions/1.pdf", 401, 404, ANYONE),
    # Anyone looks a process up by number and checks a document's code.
    Route("sanctions:lookup", "tenant", "get", "/processos/?numero={notice}", 200, 200, ANYONE),
    Route("sanctions:verify", "tenant", "get", "/verificar/?codigo={code}", 200, 200, ANYONE),
    Route("sanctions:verify", "tenant", "get", "/verificar/", 200, 200, ANYONE),
    Route("sanctions:code-enter", "tenant", "get", "/processos/acesso/", 200, 200, ANYONE),
    # Without an access code entered in this session the process is 404 to everyone.
    Route("sanctions:code-process", "tenant", "get", "/processos/acesso/{notice}/", 404, 404, ANYONE),
    Route("sanctions:code-notice-pdf", "tenant", "get", "/processos/acesso/{notice}/auto.pdf", 404, 404, ANYONE),
    Route("sanctions:code-decision-pdf", "tenant", "get", "/processos/acesso/{notice}/decisoes/1.pdf", 404, 404, ANYONE),
    Route("api:sanction-inspection-list", "tenant", "get", "/api/v1/sanctions/inspections/", 401, 200, FISCAL),
    Route("api:sanction-inspection-list", "tenant", "post", "/api/v1/sanctions/inspections/", 401, 400, FISCAL),
    Route("api:sanction-process-list", "tenant", "get", "/api/v1/sanctions/processes/", 401, 200, FISCAL),
    Route("api:sanction-settings", "tenant", "get", "/api/v1/sanctions/settings/", 401, 200, ADMIN),
    Route("api:sanction-settings", "tenant", "patch", "/api/v1/sanctions/settings/", 401, 200, ADMIN),
    Route("api:sanction-inspection-detail", "tenant", "get", "/api/v1/sanctions/inspections/{inspection}/", 401, 200, FISCAL),
    # Nothing to add: the inspector is told so; judge and administrator may not add.
    Route("api:sanction-inspection-evidence", "tenant", "post", "/api/v1/sanctions/inspections/{inspection}/evidence/", 401, 409, FISCAL, acting=(("inspector", 400),)),
    Route("api:sanction-inspection-close", "tenant", "post", "/api/v1/sanctions/inspections/{inspection}/close/", 401, 400, FISCAL),
    Route("api:sanction-notice-issue", "tenant", "post", "/api/v1/sanctions/inspections/{inspection}/notice/", 401, 400, FISCAL),
    # A process is its Procon's fiscalização staff's and its company's agents'.
    Route("api:sanction-process-detail", "tenant", "get", "/api/v1/sanctions/processes/{notice}/", 401, 200, FISCAL_OR_AGENT),
    # An empty body: the steps that take input name its fields; the others are refused
    # in the process's state (it was defended).
    Route("api:sanction-process-notify", "tenant", "post", "/api/v1/sanctions/processes/{notice}/notify/", 401, 409, FISCAL_OR_AGENT),
    Route("api:sanction-process-defence", "tenant", "post", "/api/v1/sanctions/processes/{notice}/defence/", 401, 400, FISCAL_OR_AGENT),
    Route("api:sanction-process-pay-at-base", "tenant", "post", "/api/v1/sanctions/processes/{notice}/pay-at-base/", 401, 400, FISCAL_OR_AGENT),
    Route("api:sanction-process-decision", "tenant", "post", "/api/v1/sanctions/processes/{notice}/decision/", 401, 400, FISCAL_OR_AGENT),
    Route("api:sanction-process-appeal", "tenant", "post", "/api/v1/sanctions/processes/{notice}/appeal/", 401, 400, FISCAL_OR_AGENT),
    Route("api:sanction-process-appeal-decision", "tenant", "post", "/api/v1/sanctions/processes/{notice}/appeal-decision/", 401, 400, FISCAL_OR_AGENT),
    Route("api:sanction-process-payment", "tenant", "post", "/api/v1/sanctions/processes/{notice}/payment/", 401, 400, FISCAL_OR_AGENT),
    Route("api:sanction-process-collection", "tenant", "post", "/api/v1/sanctions/processes/{notice}/collection/", 401, 409, FISCAL_OR_AGENT),
    Route("api:sanction-lookup", "tenant", "get", "/api/v1/sanctions/lookup/{notice}/", 200, 200, ANYONE),
    Route("api:sanction-verify", "tenant", "get", "/api/v1/sanctions/verify/{code}/", 200, 200, ANYONE),
    # -- registry routes --
    Route("registry:page", "both", "get", "/reclamacoes-fundamentadas/", 200, 200, ANYONE),
    Route("registry:csv", "both", "get", f"/reclamacoes-fundamentadas/{THIS_YEAR}.csv", 200, 200, ANYONE),
    Route("registry:json", "both", "get", f"/reclamacoes-fundamentadas/{THIS_YEAR}.json", 200, 200, ANYONE),
    Route("registry:publication-csv", "both", "get", "/reclamacoes-fundamentadas/publicacoes/0.csv", 404, 404, ANYONE),
    Route("registry:publication-json", "both", "get", "/reclamacoes-fundamentadas/publicacoes/0.json", 404, 404, ANYONE),
    Route("registry:open-data", "both", "get", "/dados-abertos/", 200, 200, ANYONE),
    Route("registry:open-data-csv", "both", "get", "/dados-abertos/reclamacoes.csv", 404, 404, ANYONE),
    Route("registry:open-data-atendimentos-csv", "both", "get", "/dados-abertos/atendimentos.csv", 404, 404, ANYONE),
    Route("api:registry-atendimentos", "both", "get", f"/api/v1/registry/atendimentos/?year={THIS_YEAR}", 200, 200, ANYONE),
    Route("api:registry", "both", "get", f"/api/v1/registry/?year={THIS_YEAR}", 200, 200, ANYONE),
    Route("api:registry-publications", "both", "get", "/api/v1/registry/publications/", 200, 200, ANYONE),
    Route("registry:publish", "tenant", "get", "/reclamacoes-fundamentadas/publicar/", 302, 200, ADMIN),
    Route("registry:publish-state", "tenant", "get", "/supervisao/registro/publicar/", 302, 200, SUPERVISOR),
    # The supervisor's "rebuild the open data now" (queued; answers with a redirect to the page).
    Route("registry:open-data-rebuild", "tenant", "post", "/supervisao/dados-abertos/atualizar/", 302, 302, SUPERVISOR),
    # -- privacy routes --
    Route("privacy:my-data", "tenant", "get", "/conta/meus-dados/", 302, 200, ANYONE),
    Route("privacy:download", "tenant", "get", "/conta/meus-dados/baixar/", 302, 200, ANYONE),
    Route("privacy:delete", "tenant", "get", "/conta/excluir/", 302, 200, ANYONE),
    # -- fine rules tables routes (tenants.penalties) --
    Route("configuration:provisions", "tenant", "get", "/configuracoes/dispositivos-legais/", 302, 200, ADMIN),
    Route("configuration:provision-add", "tenant", "get", "/configuracoes/dispositivos-legais/novo/", 302, 200, ADMIN),
    Route("configuration:ufir", "tenant", "get", "/configuracoes/ufir/", 302, 200, ADMIN),
    Route("configuration:circumstances", "tenant", "get", "/configuracoes/circunstancias/", 302, 200, ADMIN),
    Route("configuration:provision-edit", "tenant", "get", "/configuracoes/dispositivos-legais/{provision}/", 302, 200, ADMIN),
    Route("configuration:ufir-remove", "tenant", "post", "/configuracoes/ufir/{ufir}/remover/", 302, 302, ADMIN),
    Route("configuration:circumstance-edit", "tenant", "get", "/configuracoes/circunstancias/{circumstance}/", 302, 200, ADMIN),
    Route("api:provision-list", "tenant", "get", "/api/v1/settings/provisions/", 401, 200, STAFF),
    Route("api:ufir-value-list", "tenant", "get", "/api/v1/settings/ufir-values/", 401, 200, STAFF),
    Route("api:circumstance-list", "tenant", "get", "/api/v1/settings/circumstances/", 401, 200, STAFF),
    Route("api:provision-list", "tenant", "post", "/api/v1/settings/provisions/", 401, 415, ADMIN),
    Route("api:ufir-value-list", "tenant", "post", "/api/v1/settings/ufir-values/", 401, 415, ADMIN),
    Route("api:circumstance-list", "tenant", "post", "/api/v1/settings/circumstances/", 401, 415, ADMIN),
    Route("api:provision-detail", "tenant", "get", "/api/v1/settings/provisions/{provision}/", 401, 200, STAFF),
    Route("api:provision-detail", "tenant", "patch", "/api/v1/settings/provisions/{provision}/", 401, 200, ADMIN),
    Route("api:ufir-value-detail", "tenant", "delete", "/api/v1/settings/ufir-values/{ufir}/", 401, 204, ADMIN),
    Route("api:circumstance-detail", "tenant", "get", "/api/v1/settings/circumstances/{circumstance}/", 401, 200, STAFF),
    Route("api:circumstance-detail", "tenant", "patch", "/api/v1/settings/circumstances/{circumstance}/", 401, 200, ADMIN),
    # -- inbox sanction routes (the agents of the auto's company; `{notice}` was defended) --
    Route("inbox:sanction", "public", "get", "/empresa/caixa/{procon}/processos/{notice}/", 302, 200, AGENT),
    Route("inbox:sanction-defence", "public", "post", "/empresa/caixa/{procon}/processos/{notice}/defesa/", 302, 400, AGENT),
    Route("inbox:sanction-pay", "public", "post", "/empresa/caixa/{procon}/processos/{notice}/pagamento/", 302, 400, AGENT),
    Route("inbox:sanction-appeal", "public", "post", "/empresa/caixa/{procon}/processos/{notice}/recurso/", 302, 400, AGENT),
    Route("inbox:sanction-notice-pdf", "public", "get", "/empresa/caixa/{procon}/processos/{notice}/auto.pdf", 302, 200, AGENT),
    Route("inbox:sanction-decision-pdf", "public", "get", "/empresa/caixa/{procon}/processos/{notice}/decisoes/1.pdf", 302, 404, AGENT),
    Route("inbox:sanction-evidence", "public", "get", "/empresa/caixa/{procon}/processos/{notice}/provas/{notice_evidence}/", 302, 200, AGENT),
    Route("api:inbox-sanction-list", "public", "get", "/api/v1/inbox/sanctions/", 401, 200, AGENT),
    Route("api:inbox-sanction", "public", "get", "/api/v1/inbox/{procon}/processes/{notice}/", 401, 200, AGENT),
    Route("api:inbox-sanction-defence", "public", "post", "/api/v1/inbox/{procon}/processes/{notice}/defence/", 401, 400, AGENT),
    Route("api:inbox-sanction-pay-at-base", "public", "post", "/api/v1/inbox/{procon}/processes/{notice}/pay-at-base/", 401, 400, AGENT),
    Route("api:inbox-sanction-appeal", "public", "post", "/api/v1/inbox/{procon}/processes/{notice}/appeal/", 401, 400, AGENT),
]
# fmt: on
# The Django admin is an operator's tool on the platform host only; checked separately below.
ADMIN_NAMESPACE = "admin"
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Values of the right shape for each placeholder, to check that a row's path resolves.
SAMPLES = {
    "complaint": "SANTOS-2026-000001",
    "procon": "santos",
    "slug": "santos",
    "cnpj": "11222333000181",
}


def held(role: str, host: str, *, on_object: bool) -> set[str]:
    """The capacities `role` has on `host`; on a row with objects, only towards the host's objects."""
    capacities = set(STAFF_HELD.get((role, host), ()))
    if not on_object:
        return capacities | COMPANY_HELD.get(role, set())
    # The case, its company's objects and the consumer's token live at Santos / on the platform.
    if host in {"own", "platform"}:
        if role in {"company_agent", "company_admin"}:
            capacities |= COMPANY_HELD[role]
        if role == "consumer":
            capacities.add("consumer")
    return capacities


def expected_status(route: Route, role: str, host: str, *, variant: str) -> int:
    kind = "public" if host == "platform" else "tenant"
    if route.urlconf not in {kind, "both"}:
        return 404
    if role == "anonymous":
        if variant == "foreign" and route.anonymous not in {302, 401}:
            return 404
        return route.anonymous
    if variant == "foreign":
        return 404
    capacities = held(role, host, on_object=variant == "own")
    if route.requires is not None and not capacities & set(route.requires):
        return 404
    for capacity, status in route.acting:
        if capacity in capacities:
            return status
    return route.authenticated


def _patterns(urlconf: str) -> set[str]:
    """Every URL pattern of `urlconf`: its namespaced name, or its regex when it has none."""
    found: set[str] = set()

    def walk(patterns: list, namespace: str = "", prefix: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or ""
                if ns == ADMIN_NAMESPACE:
                    continue
                walk(
                    pattern.url_patterns,
                    f"{namespace}{ns}:" if ns else namespace,
                    prefix + str(pattern.pattern),
                )
            elif isinstance(pattern, URLPattern):
                name = pattern.name
                found.add(f"{namespace}{name}" if name else f"<unnamed {prefix}{pattern.pattern}>")

    walk(get_resolver(urlconf).url_patterns)
    return found


def _urlconfs(route: Route) -> list[str]:
    return {
        "public": ["config.urls_public"],
        "tenant": ["config.urls_tenants"],
        "both": ["config.urls_public", "config.urls_tenants"],
    }[route.urlconf]


@pytest.mark.parametrize("urlconf", ["config.urls_public", "config.urls_tenants"])
def test_every_route_is_in_the_table(urlconf: str) -> None:
    in_table = {r.name for r in ROUTES if urlconf in _urlconfs(r)}
    patterns = _patterns(urlconf)
    without_row = sorted(patterns - in_table)
    assert not without_row, "routes without a row:\n" + "\n".join(without_row)
    without_route = sorted(in_table - patterns)
    assert not without_route, "rows without a route:\n" + "\n".join(without_route)


def _sample_path(route: Route) -> str:
    path = PLACEHOLDER.sub(lambda m: SAMPLES.get(m.group(1), "1"), route.path)
    return path.split("?", 1)[0]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}:{r.name}")
def test_every_row_resolves_to_its_route(route: Route) -> None:
    for urlconf in _urlconfs(route):
        try:
            match = resolve(_sample_path(route), urlconf=urlconf)
        except Resolver404:
            pytest.fail(f"{route.path} does not resolve in {urlconf}")
        assert match.view_name == route.name, (route.path, urlconf)


def _schema_operations(client: Client) -> set[tuple[str, str]]:
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    operations = set()
    for path, item in response.json()["paths"].items():
        for method in item:
            if method in {"get", "post", "put", "patch", "delete"}:
                operations.add((method, path))
    return operations


def _covers(route: Route, method: str, schema_path: str) -> bool:
    pattern = "^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(schema_path)) + "$"
    return route.method == method and re.match(pattern, _sample_path(route)) is not None


@pytest.mark.parametrize("host", ["platform", "own"])
def test_every_api_operation_is_in_the_table(host: str, procon) -> None:
    """Each operation of the host's OpenAPI schema has a row with its method and path."""
    kind = "public" if host == "platform" else "tenant"
    client = make_client("localhost" if host == "platform" else procon.host)
    operations = _schema_operations(client)
    assert len(operations) > 10
    rows = [r for r in ROUTES if r.urlconf in {kind, "both"}]
    missing = sorted(
        f"{method.upper()} {path}"
        for method, path in operations
        if not any(_covers(row, method, path) for row in rows)
    )
    assert not missing, "API operations without a row:\n" + "\n".join(missing)


# --- the world the matrix runs in -------------------------------------------------------------


@dataclass
class World:
    people: dict[str, object]
    hosts: dict[str, str]
    # host -> placeholder -> value: the host's own objects, and objects no one here may reach.
    own: dict[str, dict[str, str]]
    foreign: dict[str, dict[str, str]]
    tokens: dict[str, str]


def _ids_above(model: type, pk: int) -> None:
    """Ids repeat across schemas: the current schema's next `model` ids start above `pk`, so that a
    foreign object's id is never also an id on the own host."""
    highest = model.objects.aggregate(highest=Max("id"))["highest"] or 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
            [model._meta.db_table, max(pk + 1, highest)],
        )


def _case(procon: Procon, *, attendant, conciliator, consumer, company):
    with tenant_context(procon):
        hearing = at_hearing_scheduled(
            attendant, conciliator, consumer=consumer, company=company, uploads=[pdf_upload()]
        )
        complaint = hearing.complaint
        attachment = complaint.attachments.get()
    return complaint, attachment, hearing


def _narrative(procon: Procon, complaint, *, agent) -> None:
    """The case's consumer consents to publish its facts; the company answers in public with
    words of its own, both awaiting moderation."""
    with tenant_context(procon):
        do_consent(complaint, actor=complaint.consumer)
        do_respond(complaint, actor=agent, kind="isolated_error", text="Resolvemos o caso.")


def _intake(procon: Procon, *, attendant, consumer) -> str:
    """An orientação registered at `procon`'s counter for `consumer`: its number."""
    with tenant_context(procon):
        intake, _created = do_register_intake(
            attendant=attendant,
            consumer=consumer,
            kind="guidance",
            channel="counter",
            summary="Pergunta se a loja pode recusar a troca de um presente.",
            guidance="A troca sem defeito depende da política da loja.",
        )
    return intake.number


# Fiscalização and fine-rule objects: `_ids_above` keeps Campinas's ids off Santos's.
SANCTION_MODELS = {
    "inspection": Inspection,
    "evidence": Evidence,
    "provision": LegalProvision,
    "ufir": UfirValue,
    "circumstance": CircumstanceRule,
}


def _sanction_things(procon: Procon, *, company, agent, above: dict[str, int]) -> dict[str, object]:
    """At `procon`: an open inspection with an evidence file, a notified auto against `company`
    that `agent` defended with a file, and one row of each fine-rules table."""
    with tenant_context(procon):
        for kind, model in SANCTION_MODELS.items():
            if kind in above:
                _ids_above(model, above[kind])
        inspector = staff(procon, StaffRole.INSPECTOR)
        inspection = create_inspection(inspector, company=company, uploads=[pdf_upload()])
        notice = do_file_defence(
            notified(inspector, company=company),
            actor=agent,
            text="Os preços estavam no sistema.",
            uploads=[pdf_upload("defesa.pdf")],
        )
        provision = do_add_provision(
            code="CDC art. 999", title="Test provision", text="Text.", law="cdc"
        )
        ufir = do_add_ufir_value(valid_from=date(2031, 1, 1), value=Decimal("4.5"))
        circumstance = do_add_circumstance_rule(
            code="test-mitigating", kind="mitigating", label="Test", numerator=1, denominator=6
        )
        return {
            "inspection": inspection.pk,
            "evidence": inspection.evidence.get().pk,
            "notice": notice.number,
            "notice_evidence": notice.evidence.get().pk,
            "code": notice.documents.get(kind="notice").code,
            "provision": provision.pk,
            "ufir": ufir.pk,
            "circumstance": circumstance.pk,
            # The highest ids here, for the next Procon's sequences.
            "above": {
                kind: model.objects.aggregate(highest=Max("id"))["highest"]
                for kind, model in SANCTION_MODELS.items()
            },
        }


def rolled_back_world(django_db_blocker) -> Iterator[World]:
    """The matrix's world for a module-scoped fixture: built once (in pt-BR, as the e-mails it
    queues are written for a Brazilian) in a transaction rolled back at the module's end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with translation.override("pt-br"):
                built = _build_world()
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            connection.set_schema_to_public()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    yield from rolled_back_world(django_db_blocker)


def _build_world() -> World:
    santos = Procon.objects.get(slug="santos")
    campinas = Procon.objects.get(slug="campinas")
    sp = Procon.objects.get(slug="sp")
    company, other_company, third_company = CompanyFactory(), CompanyFactory(), CompanyFactory()
    people: dict[str, object] = {
        "anonymous": None,
        "consumer": ConsumerFactory(),
        "other_consumer": ConsumerFactory(),
        "attendant": staff(santos, StaffRole.ATTENDANT),
        "conciliator": staff(santos, StaffRole.CONCILIATOR),
        "inspector": staff(santos, StaffRole.INSPECTOR),
        "judge": staff(santos, StaffRole.JUDGE),
        "tenant_admin": staff(santos, StaffRole.TENANT_ADMIN),
        "other_staff": staff(campinas, StaffRole.ATTENDANT),
        "company_agent": company_agent(company),
        "company_admin": company_agent(company, role="admin"),
        "other_agent": company_agent(other_company, role="admin"),
        "supervisor": staff(sp, StaffRole.SUPERVISOR),
        "operator": UserFactory(is_operator=True),
    }
    # The Campinas case is a stranger's, against a third company: no role here owns it.
    stranger = ConsumerFactory()
    third_agent = company_agent(third_company)
    complaint, attachment, hearing = _case(
        santos,
        attendant=people["attendant"],
        conciliator=people["conciliator"],
        consumer=people["consumer"],
        company=company,
    )
    with tenant_context(santos):
        holiday = do_add_holiday(day=date(2031, 3, 19), name="São José").pk
        room = HearingRoom.objects.create(name="Sala 1", address="Rua Amador Bueno, 333").pk
        subject = Subject.objects.filter(active=True).first().pk
        problem = Problem.objects.filter(active=True).first().pk
    with tenant_context(campinas):
        for model, pk in ((Attachment, attachment.pk), (ConciliationHearing, hearing.pk)):
            _ids_above(model, pk)
        _ids_above(Holiday, holiday)
        _ids_above(HearingRoom, room)
        far_holiday = do_add_holiday(day=date(2031, 7, 14), name="Fundação").pk
        far_room = HearingRoom.objects.create(name="Sala A", address="Av. Anchieta, 200").pk
    far_complaint, far_attachment, far_hearing = _case(
        campinas,
        attendant=people["other_staff"],
        conciliator=staff(campinas, StaffRole.CONCILIATOR),
        consumer=stranger,
        company=third_company,
    )
    _narrative(santos, complaint, agent=people["company_agent"])
    _narrative(campinas, far_complaint, agent=third_agent)
    intake = _intake(santos, attendant=people["attendant"], consumer=people["consumer"])
    far_intake = _intake(campinas, attendant=people["other_staff"], consumer=stranger)
    santos_sanctions = _sanction_things(
        santos, company=company, agent=people["company_agent"], above={}
    )
    campinas_sanctions = _sanction_things(
        campinas, company=third_company, agent=third_agent, above=santos_sanctions.pop("above")
    )
    campinas_sanctions.pop("above")
    connection.set_schema_to_public()
    alert = SpikeAlert.objects.create(
        company=company,
        subject="Cobrança indevida",
        detected_on=date.today(),
        week_count=12,
        procons=[
            {
                "procon_id": santos.pk,
                "slug": "santos",
                "name": santos.name,
                "week": 12,
                "mean": 2.0,
                "sd": 1.0,
            }
        ],
    ).pk
    events = [SUBSCRIBABLE_EVENTS[0].value]
    webhook, _secret = do_create_webhook_endpoint(
        company=company, actor=people["company_admin"], url="https://a.example/hook", events=events
    )
    far_webhook, _secret = do_create_webhook_endpoint(
        company=third_company, actor=third_agent, url="https://c.example/hook", events=events
    )
    api_key, _secret = do_issue_company_api_key(
        company, actor=people["company_admin"], name="ERP", scopes=["cases:read"]
    )
    far_api_key, _secret = do_issue_company_api_key(
        third_company, actor=third_agent, name="ERP", scopes=["cases:read"]
    )
    token, _key = do_issue_api_token(people["consumer"], name="mine")
    far_token, _key = do_issue_api_token(stranger, name="a stranger's")
    agent = CompanyMembership.objects.get(user=people["company_agent"]).pk
    far_agent = CompanyMembership.objects.get(user=third_agent).pk
    staff_member = StaffMembership.objects.get(user=people["conciliator"]).pk
    far_staff_member = StaffMembership.objects.get(user=people["other_staff"]).pk
    invitation = do_invite_staff_member(
        santos, email="convidada@exemplo.test", role="judge", actor=people["tenant_admin"]
    ).pk
    far_invitation = do_invite_staff_member(
        campinas, email="convidada@exemplo.test", role="judge", actor=people["other_staff"]
    ).pk
    tokens = {
        role: do_issue_api_token(user, name="matrix")[1]
        for role, user in people.items()
        if user is not None
    }

    applications = {
        "company_application": do_submit_company_application(
            **company_application_data(cnpj=cnpj_for("27182818"))
        ).pk,
        "procon_application": verified_application().pk,
    }
    public = {
        "cnpj": company.cnpj,
        "slug": "santos",
        "subject": subject,
        "problem": problem,
        "alert": alert,
        **applications,
    }
    santos_case = {
        "complaint": complaint.number,
        "intake": intake,
        "attachment": attachment.pk,
        "hearing": hearing.pk,
        "procon": "santos",
    }
    campinas_case = {
        "complaint": far_complaint.number,
        "intake": far_intake,
        "attachment": far_attachment.pk,
        "hearing": far_hearing.pk,
        "procon": "campinas",
    }
    company_things = {
        "webhook": webhook.pk,
        "agent": agent,
        "token": token.pk,
        "api_key": api_key.pk,
    }
    far_company_things = {
        "webhook": far_webhook.pk,
        "agent": far_agent,
        "token": far_token.pk,
        "api_key": far_api_key.pk,
    }
    santos_things = {
        "holiday": holiday,
        "room": room,
        "staff": staff_member,
        "invitation": invitation,
        **santos_sanctions,
    }
    campinas_things = {
        "holiday": far_holiday,
        "room": far_room,
        "staff": far_staff_member,
        "invitation": far_invitation,
        **campinas_sanctions,
    }
    own = {
        "platform": {**public, **santos_case, **company_things, **santos_things},
        "own": {**public, **santos_case, **company_things, **santos_things},
        "foreign": {**public, **campinas_case, **company_things, **campinas_things},
        "state": {**public, **santos_case, **company_things, **santos_things},
    }
    foreign = {
        "platform": {**public, **campinas_case, **far_company_things, **campinas_things},
        "own": {**public, **campinas_case, **far_company_things, **campinas_things},
        "foreign": {**public, **santos_case, **far_company_things, **santos_things},
        "state": {**public, **santos_case, **far_company_things, **santos_things},
    }
    hosts = {
        "platform": "localhost",
        "own": santos.host,
        "foreign": campinas.host,
        "state": sp.host,
    }
    return World(people=people, hosts=hosts, own=own, foreign=foreign, tokens=tokens)


def make_client(host: str, **headers: str) -> Client:
    return Client(HTTP_HOST=host, raise_request_exception=False, **headers)


def _fill(path: str, values: dict[str, object]) -> str:
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), path)


def _variants(route: Route, host: str) -> list[str]:
    names = set(PLACEHOLDER.findall(route.path))
    if not names:
        return ["plain"]
    if names & NOT_AT.get(host, set()):
        return ["foreign"]
    return ["own", "foreign"] if names & FOREIGN_KINDS else ["own"]


# A Procon's fiscalização objects and fine-rules rows (see `_sanction_things`).
SANCTION_KINDS = {
    "inspection",
    "evidence",
    "notice",
    "notice_evidence",
    "code",
    "provision",
    "ufir",
    "circumstance",
}
# The state host has no case of its own: there its case placeholders name Santos's.
NOT_AT = {
    "state": {
        "complaint",
        "intake",
        "attachment",
        "hearing",
        "holiday",
        "room",
        "staff",
        "invitation",
        *SANCTION_KINDS,
    }
}


# Placeholders that name something private; the public ones (a company page, a catalogue entry,
# a supervised Procon) have no foreign variant.
FOREIGN_KINDS = {
    "complaint",
    "intake",
    "attachment",
    "hearing",
    "webhook",
    "agent",
    "token",
    "api_key",
    "holiday",
    "room",
    "staff",
    "invitation",
    *SANCTION_KINDS,
}


# A route of the other URLconf is 404 before any view runs: tried with these roles only.
ELSEWHERE_PROBES = {"anonymous", "tenant_admin"}
# Rows marked `sampled` answer alike whoever asks (and are costly): tried with these roles only.
SAMPLED_ROLES = {"anonymous", "consumer", "attendant"}


def _request(client: Client, method: str, path: str):
    with transaction.atomic():
        response = getattr(client, method)(path)
        transaction.set_rollback(True)
    return response


def _is_api(route: Route) -> bool:
    return route.path.startswith("/api/v1/") and route.name not in {"api-schema", "api-docs"}


def run_matrix(world: World, role: str, host: str) -> int:
    """Requests every row with own and foreign objects, pages with the role's session and API
    operations with its API token; fails listing every status that differs."""
    user = world.people[role]
    session = make_client(world.hosts[host])
    token = make_client(world.hosts[host])
    if user is not None:
        session.force_login(user)
        token = make_client(world.hosts[host], HTTP_AUTHORIZATION=f"Token {world.tokens[role]}")
    kind = "public" if host == "platform" else "tenant"
    wrong = []
    cases = 0
    for route in ROUTES:
        if route.urlconf not in {kind, "both"} and role not in ELSEWHERE_PROBES:
            continue
        if route.sampled and role not in SAMPLED_ROLES:
            continue
        client = token if _is_api(route) else session
        for variant in _variants(route, host):
            values = world.foreign[host] if variant == "foreign" else world.own[host]
            path = _fill(route.path, values)
            response = _request(client, route.method, path)
            cases += 1
            expected = expected_status(route, role, host, variant=variant)
            if response.status_code != expected:
                wrong.append(
                    f"{route.method.upper()} {path} ({route.name}, {variant}):"
                    f" {response.status_code}, expected {expected}"
                )
            if route.name == "accounts:logout" and user is not None:
                session.force_login(user)  # logged out by the route: back in
    assert wrong == [], f"{role} on the {host} host:\n" + "\n".join(wrong)
    return cases


@pytest.mark.parametrize(
    ("host", "role"),
    [(host, role) for host in HOSTS for role in ROLES if host != "state" or role in STATE_ROLES],
)
def test_route_table(role: str, host: str, world: World) -> None:
    assert run_matrix(world, role, host) > 0


@pytest.mark.parametrize("role", ["consumer", "attendant", "company_agent"])
def test_an_api_token_is_its_user_and_a_session_opens_the_api_too(role: str, world: World) -> None:
    host = "platform" if role == "company_agent" else "own"
    user = world.people[role]
    by_token = make_client(world.hosts[host], HTTP_AUTHORIZATION=f"Token {world.tokens[role]}")
    by_session = make_client(world.hosts[host])
    by_session.force_login(user)
    for client in (by_token, by_session):
        assert client.get("/api/v1/me/").json()["email"] == user.email


def test_a_page_does_not_take_an_api_token(world: World) -> None:
    client = make_client(
        world.hosts["own"], HTTP_AUTHORIZATION=f"Token {world.tokens['attendant']}"
    )
    assert client.get("/atendimento/").status_code == 302


def test_a_revoked_or_unknown_token_is_refused(world: World) -> None:
    consumer = world.people["consumer"]
    token, key = do_issue_api_token(consumer, name="soon revoked")
    by_token = make_client(world.hosts["own"], HTTP_AUTHORIZATION=f"Token {key}")
    assert by_token.get("/api/v1/me/").status_code == 200
    do_revoke_api_token(token, actor=consumer)
    assert by_token.get("/api/v1/me/").status_code == 401
    unknown = make_client(world.hosts["own"], HTTP_AUTHORIZATION="Token not-a-real-key")
    assert unknown.get("/api/v1/me/").status_code == 401


# --- sessions are bound to their host -----------------------------------------------------------


def _login_through_the_form(host: str, email: str) -> tuple[Client, object]:
    client = make_client(host)
    assert client.get("/entrar/").status_code == 200
    response = client.post("/entrar/", {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    return client, response


def test_a_login_cookie_is_host_only_and_http_only(world: World) -> None:
    form = make_client(world.hosts["own"]).get("/entrar/")
    csrf = form.cookies["csrftoken"]
    assert csrf.value
    assert csrf["domain"] == ""
    assert "domain=" not in csrf.output().lower()
    _client, response = _login_through_the_form(world.hosts["own"], world.people["consumer"].email)
    session = response.cookies["sessionid"]
    assert session.value
    assert session["domain"] == ""
    assert "domain=" not in session.output().lower()
    assert session["httponly"]
    assert session["samesite"].lower() == "lax"


def test_a_session_from_one_procon_does_not_open_another(world: World) -> None:
    # given the consumer signs in at Santos through the login form
    client, response = _login_through_the_form(world.hosts["own"], world.people["consumer"].email)
    cookie = response.cookies["sessionid"].value
    assert client.get("/minhas-reclamacoes/").status_code == 200
    # when the cookie is replayed on Campinas, the state Procon and the platform
    for host in ("foreign", "state", "platform"):
        replay = make_client(world.hosts[host])
        replay.cookies["sessionid"] = cookie
        # then it is not signed in there
        assert replay.get("/api/v1/me/").status_code in {401, 403}, host
        assert replay.get("/entrar/").status_code == 200, host
    # and it still works at Santos
    assert client.get("/minhas-reclamacoes/").status_code == 200


@pytest.mark.parametrize("role", ["attendant", "other_staff", "supervisor", "consumer"])
def test_roles_shown_on_a_host_are_only_those_held_at_that_procon(role: str, world: World) -> None:
    user = world.people[role]
    shown = {}
    for host in HOSTS:
        client = make_client(world.hosts[host])
        client.force_login(user)
        shown[host] = client.get("/api/v1/me/").json()["roles_here"]
    assert shown == {host: sorted(STAFF_HELD.get((role, host), set())) for host in HOSTS}


def test_the_admin_is_only_on_the_platform_host_and_only_for_operators(world: World) -> None:
    def admin_status(role: str, host: str) -> int:
        client = make_client(world.hosts[host])
        client.force_login(world.people[role])
        return client.get("/admin/").status_code

    assert admin_status("operator", "platform") == 200
    assert admin_status("attendant", "platform") == 302
    assert admin_status("operator", "own") == 404
