"""Hearing routes under a complaint, on the Procon's host."""

from django.urls import path

from tenants.hearings import agenda_views, minutes_views, views

app_name = "hearings"

base = "reclamacoes/<str:number>/audiencia/"
urlpatterns = [
    path(f"{base}agendar/", views.schedule, name="schedule"),
    path(f"{base}<int:hearing_id>/remarcar/", views.reschedule, name="reschedule"),
    path(f"{base}<int:hearing_id>/ata/", minutes_views.record_minutes, name="minutes"),
    path(
        f"{base}<int:hearing_id>/ata/aceite/", minutes_views.accept_minutes, name="minutes-accept"
    ),
    path(
        f"{base}<int:hearing_id>/carta-de-preposicao/",
        minutes_views.authorisation_letter,
        name="authorisation-letter",
    ),
    path(f"{base}<int:hearing_id>/convite.ics", views.invitation, name="invitation"),
    path(f"{base}<int:hearing_id>/ata.pdf", views.minutes_document, name="minutes-pdf"),
    path("audiencias/agenda/", agenda_views.agenda_page, name="agenda"),
    path("audiencias/agenda/calendario/", agenda_views.new_feed, name="agenda-new-feed"),
    path("audiencias/agenda/<str:key>.ics", agenda_views.feed, name="agenda-feed"),
]
