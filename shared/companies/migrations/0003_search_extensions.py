"""Company search ignores accents and case and ranks by trigram similarity: unaccent and pg_trgm
in the public schema, which every tenant's search_path ("<tenant>, public") reaches."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("companies", "0002_company_address_company_city_company_contact_email_and_more")]

    operations = [UnaccentExtension(), TrigramExtension()]
