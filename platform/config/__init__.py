"""The Django project of Procon Digital (settings, URLconfs, Celery app, ASGI/WSGI)."""

from config.celery_app import app as celery_app

__all__ = ["celery_app"]
