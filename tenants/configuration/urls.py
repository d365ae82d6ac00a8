"""The Procon administrator's settings pages, under /configuracoes/ on the Procon's host."""

from django.urls import path

from tenants.catalogue import hierarchy_views
from tenants.catalogue import views as catalogue_views
from tenants.configuration import views
from tenants.hearings import room_views
from tenants.penalties import views as penalties_views

app_name = "configuration"

urlpatterns = [
    path("", views.contacts_and_deadlines, name="settings"),
    path("comunicacao/", views.communication, name="communication"),
    path("feriados/", views.holidays, name="holidays"),
    path("feriados/<int:holiday_id>/remover/", views.remove_holiday, name="holiday-remove"),
    path("equipe/", views.staff, name="staff"),
    path("equipe/<int:membership_id>/remover/", views.remove_staff_role, name="staff-remove"),
    path(
        "equipe/convites/<int:invitation_id>/revogar/",
        views.revoke_staff_invitation,
        name="staff-invitation-revoke",
    ),
    path("salas-de-audiencia/", room_views.rooms, name="hearing-rooms"),
    path("salas-de-audiencia/<int:room_id>/", room_views.edit_room, name="hearing-room-edit"),
    path("catalogo/", catalogue_views.catalogue, name="catalogue"),
    path("catalogo/assuntos/novo/", catalogue_views.add_subject, name="subject-add"),
    path(
        "catalogo/assuntos/<int:subject_id>/ativo/",
        catalogue_views.set_subject_active,
        name="subject-active",
    ),
    path(
        "catalogo/assuntos/<int:subject_id>/problemas/",
        hierarchy_views.subject_problems,
        name="subject-problems",
    ),
    path(
        "catalogo/assuntos/<int:subject_id>/unir/",
        hierarchy_views.merge_subject,
        name="subject-merge",
    ),
    path("catalogo/problemas/novo/", catalogue_views.add_problem, name="problem-add"),
    path(
        "catalogo/problemas/<int:problem_id>/ativo/",
        catalogue_views.set_problem_active,
        name="problem-active",
    ),
    path("dispositivos-legais/", penalties_views.provision_list, name="provisions"),
    path("dispositivos-legais/novo/", penalties_views.add_provision, name="provision-add"),
    path(
        "dispositivos-legais/<int:provision_id>/",
        penalties_views.edit_provision,
        name="provision-edit",
    ),
    path("ufir/", penalties_views.ufir_values, name="ufir"),
    path(
        "ufir/<int:ufir_value_id>/remover/", penalties_views.remove_ufir_value, name="ufir-remove"
    ),
    path("circunstancias/", penalties_views.circumstance_list, name="circumstances"),
    path(
        "circunstancias/<int:rule_id>/",
        penalties_views.edit_circumstance,
        name="circumstance-edit",
    ),
]
