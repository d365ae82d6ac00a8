"""Procon schemas refer to users without database constraints (each one would put two triggers on
`accounts_user` per schema); the rule the constraints kept, that a user row referenced by a case
file never disappears, is kept by refusing every deletion of a user row."""

import pytest
from django.db import connection, transaction
from django.db.models import ProtectedError
from django_tenants.utils import tenant_context

from shared.accounts.models import User
from tests.factories import ConsumerFactory
from tests.tenants.complaints.factories import file_complaint


def _constraints_to_users(schema: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT con.conname FROM pg_constraint con
            JOIN pg_namespace ns ON ns.oid = con.connamespace
            WHERE con.contype = 'f' AND ns.nspname = %s
              AND con.confrelid = 'public.accounts_user'::regclass
            """,
            [schema],
        )
        return [row[0] for row in cursor.fetchall()]


def _triggers_on_users() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'public.accounts_user'::regclass"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_no_procon_schema_puts_a_constraint_or_trigger_on_the_user_table(procon, other_procon):
    assert _constraints_to_users(procon.schema_name) == []
    assert _constraints_to_users(other_procon.schema_name) == []
    # What is left is the public schema's own references (memberships, tokens, devices...):
    # the count does not grow with the number of Procons.
    public = len(_constraints_to_users("public"))
    assert _triggers_on_users() == 2 * public


@pytest.mark.django_db
def test_a_user_row_is_never_deleted_one_by_one_or_in_bulk(procon):
    consumer = ConsumerFactory()
    with tenant_context(procon):
        complaint = file_complaint(consumer=consumer)
    with pytest.raises(ProtectedError), transaction.atomic():
        consumer.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        User.objects.filter(pk=consumer.pk).delete()
    assert User.objects.filter(pk=consumer.pk).exists()
    with tenant_context(procon):
        complaint.refresh_from_db()
        assert complaint.consumer.email == consumer.email


def test_the_operators_admin_offers_no_delete_of_users(rf):
    from django.contrib import admin

    model_admin = admin.site._registry[User]
    assert model_admin.has_delete_permission(rf.get("/"), None) is False
