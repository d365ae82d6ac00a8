"""Stripe's webhook on the platform host: no authentication (Stripe signs each delivery)."""

import stripe
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.billing.actions import do_receive_stripe_event
from shared.billing.errors import MESSAGES, BillingErrorCode


class StripeWebhookApi(APIView):
    authentication_classes = ()
    permission_classes = (AllowAny,)

    @extend_schema(
        tags=["billing"],
        request=None,
        responses={200: None, 400: None},
        summary=_("Receive a Stripe event (signed with the endpoint's secret)"),
        description=_(
            "Verified with the `Stripe-Signature` header; stored by event id so that a delivery "
            "received again is acknowledged and applied once; events may arrive in any order."
        ),
    )
    def post(self, request: Request) -> Response:
        try:
            event, replayed = do_receive_stripe_event(
                payload=request._request.body,
                signature=request.headers.get("Stripe-Signature", ""),
            )
        except (ValueError, KeyError, stripe.SignatureVerificationError):
            code = BillingErrorCode.BAD_SIGNATURE
            return Response(
                {"code": code.value, "detail": str(MESSAGES[code])},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response({"received": True, "replayed": replayed, "outcome": event.outcome})
