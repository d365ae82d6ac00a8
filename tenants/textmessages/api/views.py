from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shared.accounts.models import User
from tenants.textmessages.actions import do_set_text_message_preferences
from tenants.textmessages.api.serializers import (
    TextMessagePreferencesInput,
    TextMessagePreferencesOutput,
)
from tenants.textmessages.providers import get_provider


def _output(user: User) -> dict:
    return TextMessagePreferencesOutput(
        {
            "offered": get_provider() is not None,
            "phone": user.text_phone,
            "sms": user.sms_opt_in_at is not None,
            "sms_opted_in_at": user.sms_opt_in_at,
            "whatsapp": user.whatsapp_opt_in_at is not None,
            "whatsapp_opted_in_at": user.whatsapp_opt_in_at,
        }
    ).data


# The caller's own choice of text messages (SMS, WhatsApp) about their complaints (a comment,
# not a docstring: drf-spectacular would publish a docstring untranslated).
class MyTextMessagesApi(APIView):
    @extend_schema(
        responses=TextMessagePreferencesOutput,
        summary=_("Your text message choices (SMS, WhatsApp)"),
    )
    def get(self, request: Request) -> Response:
        return Response(_output(request.user))

    @extend_schema(
        request=TextMessagePreferencesInput,
        responses=TextMessagePreferencesOutput,
        summary=_("Opt in or out of text messages (SMS, WhatsApp)"),
        description=_(
            "Opting out takes effect at once: messages already queued are not sent. A new "
            "number is a new opt-in (its time is recorded)."
        ),
    )
    def put(self, request: Request) -> Response:
        data = TextMessagePreferencesInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = do_set_text_message_preferences(request.user, **data.validated_data)
        return Response(_output(user))
