from celery import shared_task

from onboarding.procons.actions import do_provision_procon_application


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def provision_procon_application(application_id: int) -> str:
    """Idempotent and resumable: a redelivered message (worker died mid-step) finishes the job."""
    return do_provision_procon_application(application_id).status
