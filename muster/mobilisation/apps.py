from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobilisationConfig(AppConfig):
    name = "muster.mobilisation"
    label = "mobilisation"
    verbose_name = _("Call-out")

    def ready(self) -> None:
        from muster.core.registry import DemoStep, MenuEntry, registry
        from muster.mobilisation.orders.reserve_figures import reserve_callouts
        from muster.reserve.reports import callouts

        callouts.register(reserve_callouts)

        registry.add_menu(
            MenuEntry(
                "mobilisation",
                _("Call-out"),
                "mobilisation:index",
                _("Forces and means ready to call out for checks, drills and disasters."),
                120,
                namespaces=("mobilisation",),
            )
        )
        registry.add_demo_step(DemoStep("mobilisation", 48, "muster.demo.mobilisation:demo_step"))
