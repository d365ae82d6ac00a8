"""Data and readers shared by the company onboarding tests."""

from tests.factories import cnpj_for

ALPHANUMERIC_CNPJ = "12.ABC.345/01DE-35"


def application_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "cnpj": cnpj_for("31415926"),
        "legal_name": "Exemplo Comércio Ltda.",
        "trade_name": "Exemplo",
        "address": "Rua das Flores, 100",
        "city": "Santos",
        "state": "SP",
        "phone": "(13) 3333-0000",
        "email": "contato@exemplo.test",
        "site": "https://exemplo.test",
        "representative_name": "Maria da Silva",
        "representative_email": "maria@exemplo.test",
        "representative_cpf": "529.982.247-25",
    }
    data.update(overrides)
    return data
