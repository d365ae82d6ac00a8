"""`{% load br %}`: the Brazilian formats of `shared.formats` as template filters, for pages and
e-mails alike (`{{ fine|money }}`, `{{ company.cnpj|cnpj }}`, `{{ due|long_date }}`,
`{{ hearing.starts_at|local_time }}`)."""

from django import template

from shared import formats

register = template.Library()

for name in (
    "money",
    "number",
    "percent",
    "cpf",
    "cnpj",
    "document",
    "long_date",
    "short_date",
    "date_time",
    "date_time_seconds",
    "long_date_time",
    "weekday",
    "month",
    "short_month",
    "local_time",
):
    register.filter(name, getattr(formats, name), is_safe=False)
