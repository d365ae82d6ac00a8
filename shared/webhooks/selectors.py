"""Reads on webhooks, scoped to the company groups the viewer administers; `access_*` answer the
same NotFound for "absent" and "not yours"."""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from rest_framework.exceptions import NotFound

from shared.accounts.models import User
from shared.accounts.roles import CompanyRole
from shared.accounts.selectors import company_memberships
from shared.companies.models import Company
from shared.webhooks.models import WebhookDelivery, WebhookEndpoint


def administered_companies(*, user: User) -> list[Company]:
    """The companies in which `user` holds the administrator role."""
    if not user.is_authenticated:
        return []
    return [
        m.company
        for m in company_memberships(user=user)
        .filter(role=CompanyRole.ADMIN)
        .order_by("company__cnpj")
    ]


def is_company_admin(*, user: User) -> bool:
    return bool(administered_companies(user=user))


def webhook_endpoint_list(*, viewer: User) -> QuerySet[WebhookEndpoint]:
    """Endpoints of every company group (CNPJ root) in which the viewer is an administrator."""
    roots = {company.cnpj_root for company in administered_companies(user=viewer)} - {""}
    if not roots:
        return WebhookEndpoint.objects.none()
    scope = reduce(or_, (Q(company__cnpj__startswith=root) for root in sorted(roots)))
    return WebhookEndpoint.objects.filter(scope).select_related("company")


def access_webhook_endpoint(*, viewer: User, endpoint_id: int) -> WebhookEndpoint:
    endpoint = webhook_endpoint_list(viewer=viewer).filter(pk=endpoint_id).first()
    if endpoint is None:
        raise NotFound()
    return endpoint


def webhook_delivery_list(*, endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return (
        WebhookDelivery.objects.filter(endpoint=endpoint)
        .select_related("replayed_by")
        .order_by("-created_at", "-id")
    )


def access_webhook_delivery(*, endpoint: WebhookEndpoint, delivery_id: int) -> WebhookDelivery:
    """A delivery of an endpoint already accessed; another endpoint's answers the same 404."""
    delivery = WebhookDelivery.objects.filter(endpoint=endpoint, pk=delivery_id).first()
    if delivery is None:
        raise NotFound()
    return delivery
