"""Company pages on the platform's host."""

from django.urls import path

from shared.companies import views

app_name = "companies"

urlpatterns = [
    path("empresa/equipe/", views.team, name="team"),
    path("empresa/equipe/<int:membership_id>/papel/", views.change_role, name="team-role"),
    path("empresa/equipe/<int:membership_id>/remover/", views.remove_member, name="team-remove"),
    path("empresa/participacao/", views.participation, name="participation"),
    path("empresa/chaves/", views.api_keys, name="api-keys"),
    path("empresa/chaves/<int:key_id>/", views.api_key_detail, name="api-key"),
    path("empresa/chaves/<int:key_id>/revogar/", views.api_key_revoke, name="api-key-revoke"),
    path("empresa/convite/<str:token>/", views.invitation, name="invitation"),
    path("empresas/<str:cnpj>/", views.company_page, name="detail"),
]
