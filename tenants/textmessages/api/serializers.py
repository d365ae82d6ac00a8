from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class TextMessagePreferencesInput(serializers.Serializer):
    phone = serializers.CharField(
        max_length=30,
        allow_blank=True,
        help_text=_(
            "The mobile number: E.164 (+5511999990000) or a Brazilian number with its area code."
        ),
    )
    sms = serializers.BooleanField(help_text=_("Receive updates of your complaints by SMS."))
    whatsapp = serializers.BooleanField(
        help_text=_("Receive updates of your complaints by WhatsApp.")
    )


class TextMessagePreferencesOutput(serializers.Serializer):
    offered = serializers.BooleanField(
        help_text=_("Whether the platform sends text messages at all.")
    )
    phone = serializers.CharField(help_text=_("The mobile number in E.164, or empty."))
    sms = serializers.BooleanField()
    sms_opted_in_at = serializers.DateTimeField(allow_null=True)
    whatsapp = serializers.BooleanField()
    whatsapp_opted_in_at = serializers.DateTimeField(allow_null=True)
