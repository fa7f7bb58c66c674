from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReserveConfig(AppConfig):
    name = "muster.reserve"
    label = "reserve"
    verbose_name = _("Reserve")

    def ready(self) -> None:
        from muster.core.registry import Commitment, DemoStep, MenuEntry, registry
        from muster.reserve.register.selectors import REGISTERED_COMMITMENT, registered_reservists

        registry.add_menu(
            MenuEntry(
                "reserve",
                _("Reserve"),
                "reserve:index",
                _("The mobilisation reserve and its vehicles."),
                100,
                namespaces=("reserve",),
            )
        )
        registry.add_commitment(
            Commitment(
                REGISTERED_COMMITMENT,
                _("Registered reservist (not yet placed in a unit)"),
                registered_reservists,
            )
        )
        registry.add_demo_step(
            DemoStep("reserve.assets", 42, "muster.demo.reserve_assets:demo_step")
        )
        registry.add_demo_step(
            DemoStep("reserve.training", 44, "muster.demo.reserve_training:demo_step")
        )
