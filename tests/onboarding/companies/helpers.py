"""Data and readers shared by the company onboarding tests."""

from validate_docbr import CNPJ

ALPHANUMERIC_CNPJ = "12.ABC.345/01DE-35"


def cnpj_for(root: str, branch: str = "0001") -> str:
    """A valid CNPJ with this root (8 characters) and branch number (4)."""
    validator = CNPJ()
    for check in range(100):
        candidate = f"{root}{branch}{check:02d}"
        if validator.validate(candidate):
            return candidate
    raise AssertionError("unreachable: every base has check digits")


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
