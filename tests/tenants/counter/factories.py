"""People the counter is not for, as its refusal tests need them."""

from shared.accounts.models import User
from shared.accounts.roles import StaffRole
from shared.procons.models import Procon
from tests.factories import CompanyFactory, ConsumerFactory, company_agent, staff

# Who is refused the counter and its atendimentos (404): the names its parametrized tests take.
OUTSIDERS = ("consumer", "agent", "conciliator", "other_procon_attendant")


def counter_outsider(who: str, procon: Procon, other_procon: Procon) -> User:
    """A new user of the kind `who` names (one of OUTSIDERS): a consumer, a company's agent,
    `procon`'s conciliator, or an attendant of `other_procon`."""
    return {
        "consumer": lambda: ConsumerFactory(),
        "agent": lambda: company_agent(CompanyFactory()),
        "conciliator": lambda: staff(procon, StaffRole.CONCILIATOR),
        "other_procon_attendant": lambda: staff(other_procon, StaffRole.ATTENDANT),
    }[who]()
