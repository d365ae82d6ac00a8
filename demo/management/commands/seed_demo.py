from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from demo import seed
from demo.history import seed_history
from demo.narratives import seed_narratives
from demo.sanctions import seed_sanctions
from demo.two_factor import demo_totp_key, seed_demo_authenticators
from portals.supervision.actions import do_refresh_figure_rollup
from shared.procons.models import platform_url
from shared.registry.actions import do_rebuild_all_open_data, do_refresh_registry_rollup


class Command(BaseCommand):
    help = "Load the demo data (idempotent): Procon-SP, Santos, Campinas, the launch companies, one user per role."

    def handle(self, *args: object, **options: object) -> None:
        procons = seed.seed_procons()
        companies = seed.seed_companies()
        seed.seed_verified_companies()
        users = seed.seed_users()
        seed_demo_authenticators([user.email for user in users])
        complaints = seed.seed_complaints()
        complaints += seed_narratives()
        inspections = seed_sanctions()
        history = seed_history()
        # The open-data files exist from the first run (beat refreshes them every hour).
        do_rebuild_all_open_data()
        # The supervisor's figures too (beat brings them up to date every 5 minutes).
        do_refresh_figure_rollup(full=True)
        # And the live registry of founded complaints (same schedule).
        do_refresh_registry_rollup(full=True)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo data ready: %(procons)s Procons, %(companies)s companies, %(users)s"
                    " users, %(complaints)s complaints at Santos and Campinas (and %(history)s"
                    " new ones of the past year for the supervisor's figures), %(inspections)s"
                    " inspections at Santos."
                )
                % {
                    "procons": len(procons),
                    "companies": len(companies),
                    "users": len(users),
                    "complaints": complaints,
                    "history": history,
                    "inspections": inspections,
                }
            )
        )
        self.stdout.write("\n  " + _("Platform: %(url)s") % {"url": platform_url()})
        for procon in procons:
            self.stdout.write(f"  {procon.name}: {procon.url}")
        self.stdout.write(
            "\n  "
            + _("Demo logins (password for all: %(password)s):") % {"password": seed.DEMO_PASSWORD}
        )
        for user in users:
            self.stdout.write(f"    {user.email:<34} {user.what}")
        if demo_totp_key() is not None:
            self.stdout.write(
                "\n  "
                + _(
                    "Staff, supervisors, company administrators and the operator also enter a"
                    " one-time code: add the demo key to an authenticator app, or run"
                    " `manage.py demo_totp_code` (README, Demo logins)."
                )
            )
