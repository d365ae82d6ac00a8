import factory
from validate_docbr import CPF

from shared.accounts.actions import do_create_user, do_grant_company_role, do_grant_staff_role
from shared.accounts.models import User
from shared.companies.actions import do_register_company
from shared.companies.models import Company
from shared.procons.models import Procon

PASSWORD = "uma-senha-de-teste-longa"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"pessoa{n}@exemplo.test")
    full_name = factory.Faker("name", locale="pt_BR")

    @classmethod
    def _create(cls, model_class: type[User], *args: object, **kwargs: object) -> User:
        return do_create_user(
            password=kwargs.pop("password", PASSWORD), email_verified=True, **kwargs
        )


class ConsumerFactory(UserFactory):
    cpf = factory.LazyFunction(lambda: CPF().generate())


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    cnpj = factory.Sequence(lambda n: _valid_cnpj(n))
    legal_name = factory.Faker("company", locale="pt_BR")
    trade_name = factory.LazyAttribute(lambda o: o.legal_name.split(" ")[0])

    @classmethod
    def _create(cls, model_class: type[Company], *args: object, **kwargs: object) -> Company:
        return do_register_company(**kwargs)


def _valid_cnpj(n: int) -> str:
    return cnpj_for(f"{40000000 + n:08d}")


def cnpj_for(root: str, branch: str = "0001") -> str:
    """A valid CNPJ with this root (8 characters) and branch number (4)."""
    from validate_docbr import CNPJ

    validator = CNPJ()
    for check in range(100):
        candidate = f"{root}{branch}{check:02d}"
        if validator.validate(candidate):
            return candidate
    raise AssertionError("unreachable: every base has check digits")


def staff(procon: Procon, role: str, **kwargs: object) -> User:
    user = UserFactory(**kwargs)
    do_grant_staff_role(user, procon=procon, role=role)
    return user


def company_agent(company: Company, role: str = "agent", **kwargs: object) -> User:
    user = UserFactory(**kwargs)
    do_grant_company_role(user, company=company, role=role)
    return user
