from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "muster.directives"
    verbose_name = _("Directives")

    def ready(self) -> None:
        from muster.core.registry import DemoStep, MenuEntry, registry

        registry.add_menu(
            MenuEntry(
                "directives",
                _("Directives"),
                "directives:directive_list",
                _("Tasks, targets, reports and roll-up."),
                50,
                namespaces=("directives",),
            )
        )
        registry.add_demo_step(DemoStep("directives", 45, "muster.demo.directives:demo_step"))
