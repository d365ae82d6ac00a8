from django.core.management.base import BaseCommand

from shared.registry.actions import do_rebuild_all_open_data, do_rebuild_sindec_file
from shared.registry.selectors import registry_years


class Command(BaseCommand):
    help = (
        "Build every open-data file (state-wide and per Procon) and the state-wide SINDEC file of"
        " every registry year now, in this process (`make run` at start; beat rebuilds hourly)."
    )

    def handle(self, *args: object, **options: object) -> None:
        files = do_rebuild_all_open_data()
        years = registry_years(procon=None)
        for year in years:
            do_rebuild_sindec_file(year=year)
        self.stdout.write(
            self.style.SUCCESS(
                f"Open data built: {files} files, SINDEC files for {len(years)} years."
            )
        )
