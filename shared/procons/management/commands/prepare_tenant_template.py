"""Migrates the template schema that new Procons are cloned from, and installs the clone function.

Run after `migrate_schemas` on every deploy (`make run` does)."""

from typing import Any

from django.core.management.base import BaseCommand

from shared.procons.provisioning import TEMPLATE_SCHEMA, prepare_tenant_template


class Command(BaseCommand):
    help = "Migrate the template schema new Procons are cloned from; install its DDL as the clone function."

    def handle(self, *args: Any, **options: Any) -> None:
        prepare_tenant_template()
        if options["verbosity"] > 0:
            self.stdout.write(f"template schema {TEMPLATE_SCHEMA} is up to date")
