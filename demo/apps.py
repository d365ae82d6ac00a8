from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed for its management commands (seed_demo, demo_totp_code); no models."""

    name = "demo"
    label = "demo"
