"""Where a person lands after logging in: on their work, on the host they logged in to.

Sessions belong to one host (SESSION_COOKIE_DOMAIN is None), so the landing page is always a page
of the host that served the login. A safe `next` (same host) wins over the landing page.

| host            | who                                                  | lands on                 |
| --------------- | ---------------------------------------------------- | ------------------------ |
| a Procon's      | state supervisor (the state Procon's host)           | the supervision dashboard|
| a Procon's      | attendant, conciliator, Procon administrator         | the staff queue          |
| a Procon's      | inspector or judging authority (and nothing above)   | the sanctions list       |
| a Procon's      | a company member without a staff role there          | the Procon's home        |
| a Procon's      | anyone else (a consumer)                             | their complaints here    |
| the platform's  | a company agent or administrator                     | the company inbox        |
| the platform's  | a platform operator (Django admin)                   | the admin                |
| the platform's  | anyone else                                          | the platform's home      |
"""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from shared.accounts.models import CompanyMembership, User
from shared.accounts.roles import StaffRole
from shared.accounts.selectors import staff_roles

# The roles whose daily work is the complaint queue.
QUEUE_ROLES = frozenset({StaffRole.ATTENDANT, StaffRole.CONCILIATOR, StaffRole.TENANT_ADMIN})
# The roles whose daily work is the sanctions list (fiscalização).
SANCTION_ROLES = frozenset({StaffRole.INSPECTOR, StaffRole.JUDGE})


def safe_next(request: HttpRequest) -> str:
    """The `next` the request carries (POST first), if it is a page of this host; "" otherwise."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def landing_url(request: HttpRequest, user: User) -> str:
    """The page of this host where `user` starts their work (see the module's table)."""
    if not user.is_authenticated:
        return reverse("home")
    procon = getattr(request, "procon", None)
    if procon is not None:
        roles = staff_roles(user=user, procon=procon)
        if StaffRole.SUPERVISOR in roles and procon.is_state:
            return reverse("supervision:dashboard")
        if roles & QUEUE_ROLES:
            return reverse("complaints:queue")
        if roles & SANCTION_ROLES:
            return reverse("sanctions:home")
        if roles:
            return reverse("complaints:queue")
        if CompanyMembership.objects.filter(user=user).exists():
            return reverse("home")
        return reverse("complaints:mine")
    # The inbox reads by CNPJ root: a supplier identified by CPF has none (and no inbox).
    if CompanyMembership.objects.filter(user=user).exclude(company__cnpj="").exists():
        return reverse("inbox:list")
    if user.is_staff or user.is_superuser:
        return reverse("admin:index")
    return reverse("home")


def next_or_landing(request: HttpRequest, user: User) -> str:
    """A safe `next` when the request carries one, else the landing page of `user`."""
    return safe_next(request) or landing_url(request, user)
