"""Data and readers shared by the Procon adhesion tests."""

from onboarding.procons.actions import do_submit_procon_application, do_verify_procon_application
from onboarding.procons.models import ProconApplication
from shared.geo.models import Municipality
from tests.support.mail import link_path, public_emails

SAO_VICENTE = 3551009
GUARUJA = 3518701


def application_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "municipality": Municipality.objects.get(ibge_code=SAO_VICENTE),
        "procon_name": "Procon São Vicente",
        "slug": "sao-vicente",
        "responsible_name": "Maria da Silva",
        "responsible_email": "maria@saovicente.test",
        "responsible_phone": "(13) 3333-0000",
        "responsible_role": "Coordenadora",
        "agreement_number": "12/2026",
    }
    data.update(overrides)
    return data


def verified_application(**overrides: object) -> ProconApplication:
    application = do_submit_procon_application(**application_data(**overrides))
    [verify] = public_emails(f"procon-application:{application.pk}:verify")
    token = link_path(verify).rstrip("/").rsplit("/", 1)[-1]
    return do_verify_procon_application(token=token)
