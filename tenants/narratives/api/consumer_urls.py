"""API of narratives on a Procon's host (under /api/v1/): see the module's views."""

urlpatterns: list = []
