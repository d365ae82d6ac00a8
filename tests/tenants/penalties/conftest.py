from tests.tenants.configuration.conftest import (  # noqa: F401
    santos_admin_client,
    santos_admin_on_campinas_client,
    santos_attendant_client,
)
