from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "muster.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Registers the report exports as kinds of background job (muster.jobs.registry).
        from muster.reports import exports  # noqa: F401
