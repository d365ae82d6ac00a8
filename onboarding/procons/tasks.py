from celery import shared_task

from onboarding.procons.actions import do_provision_procon_application
from shared.procons import provisioning


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def provision_procon_application(application_id: int) -> str:
    """Idempotent and resumable: a redelivered message (worker died mid-step) finishes the job."""
    return do_provision_procon_application(application_id).status


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def make_spare_schemas() -> int:
    """Tops the spare schemas up to PROCON_SPARE_SCHEMAS (a new Procon's schema is then a rename
    of one, out of the clone's time); returns how many were made."""
    return provisioning.make_spare_schemas()
