from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "muster.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from muster.core.registry import DemoStep, MenuEntry, registry

        # Registers the report exports as kinds of background job (muster.jobs.registry).
        from muster.reports import exports  # noqa: F401

        registry.add_menu(
            MenuEntry(
                "reports",
                _("Reports"),
                "reports:index",
                _("Results, evenness and dashboards."),
                80,
                namespaces=("reports",),
            )
        )
        registry.add_demo_step(DemoStep("reports.reviews", 90, "muster.demo.reviews:demo_step"))
