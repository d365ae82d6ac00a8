from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextMessagesConfig(AppConfig):
    """SMS and WhatsApp messages to consumers who opted in. A tenant app: each message names a
    consumer's phone, so it is kept in the sending Procon's schema, as that Procon's e-mail is."""

    name = "tenants.textmessages"
    label = "textmessages"
    verbose_name = _("Text messages")
