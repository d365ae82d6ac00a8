"""Deleting an account withdraws its consents: the published narrative leaves the public index
and the Procon's copy is blanked, before the person's name is scrubbed."""

import pytest
from django_tenants.utils import tenant_context

from shared.accounts.privacy import do_delete_account
from shared.narratives.models import PublishedNarrative
from tenants.narratives.actions import do_approve, do_consent
from tenants.narratives.models import Narrative, NarrativeStatus
from tests.factories import ConsumerFactory
from tests.tenants.complaints.factories import at_cip_sent

pytestmark = pytest.mark.django_db


def test_deleting_the_account_withdraws_every_consent(procon, attendant, company):
    consumer = ConsumerFactory(full_name="Rita Apagada")
    consumer.set_password("senha-da-rita-123")
    consumer.save()
    with tenant_context(procon):
        complaint = at_cip_sent(attendant, consumer=consumer, company=company)
        do_approve(do_consent(complaint, actor=consumer), actor=attendant)
    assert PublishedNarrative.objects.count() == 1

    do_delete_account(consumer, password="senha-da-rita-123")

    assert PublishedNarrative.objects.count() == 0
    with tenant_context(procon):
        narrative = Narrative.objects.get(complaint=complaint)
        assert narrative.status == NarrativeStatus.WITHDRAWN
        assert narrative.text == ""
