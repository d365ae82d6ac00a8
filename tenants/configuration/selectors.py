from tenants.configuration.models import SINGLETON_ID, ProconSettings


def get_procon_settings() -> ProconSettings:
    """The current schema's settings; defaults when the row was never written."""
    return ProconSettings.objects.filter(id=SINGLETON_ID).first() or ProconSettings()
