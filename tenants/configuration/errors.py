"""Error codes of the Procon's settings, mapped to messages by the API and the pages."""

from enum import StrEnum


class ConfigurationErrorCode(StrEnum):
    HEARING_ROOM_BASE_URL = "hearing_room_base_url_invalid"
    HOLIDAY_IN_THE_PAST = "holiday_in_the_past"
    HEARING_DAY = "hearing_day_invalid"
    SMS_SENDER = "sms_sender_invalid"
    WHATSAPP_SENDER = "whatsapp_sender_invalid"
