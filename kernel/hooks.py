"""Code a lower layer calls and a higher layer provides, named by a dotted path in a setting.

The project package (config) wires the layers: e.g. `shared/procons` gives a new Procon's schema
its defaults through `settings.PROCON_SCHEMA_DEFAULTS`, which names the tenant app's function,
so `shared` never imports `tenants` (docs/architecture.md, "Layers").
"""

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


def hook(setting: str) -> Any:
    """The object `settings.<setting>` names ("package.module.attribute")."""
    return import_string(getattr(settings, setting))
