import time

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from demo.two_factor import demo_totp_key


class Command(BaseCommand):
    help = (
        "Print the current two-step verification code of the demo staff (development only: "
        "needs DEMO_TOTP_SECRET, which only the development settings set)."
    )

    def handle(self, *args: object, **options: object) -> None:
        key = demo_totp_key()
        if key is None:
            raise CommandError("DEMO_TOTP_SECRET is not set: there are no demo authenticators.")
        totp = TOTP(key)
        totp.time = time.time()
        remaining = 30 - int(totp.time) % 30
        self.stdout.write(f"{totp.token():06d}  (valid for {remaining} more seconds)")
