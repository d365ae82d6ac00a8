"""Pages of narratives on a Procon's host: see the module's views."""

app_name = "narratives_consumer"

urlpatterns: list = []
