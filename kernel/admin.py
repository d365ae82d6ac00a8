"""Bases for the operators' admin pages of rows that only the platform's own flows write."""

from django.contrib import admin
from django.http import HttpRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lists and shows the rows; adds and changes none (deleting stays as Django decides)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class KeptAdmin(ReadOnlyAdmin):
    """As ReadOnlyAdmin, and deletes none either: rows kept for good (or refused by the database)."""

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
