from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReserveConfig(AppConfig):
    name = "muster.reserve"
    label = "reserve"
    verbose_name = _("Reserve")

    def ready(self) -> None:
        from muster.core.registry import Commitment, DemoStep, MenuEntry, registry
        from muster.reserve.placement.selectors import PLACED_COMMITMENT, placed_reservists
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
        registry.add_commitment(
            Commitment(
                PLACED_COMMITMENT,
                _("Reservist placed in a reserve unit"),
                placed_reservists,
            )
        )
        registry.add_demo_step(DemoStep("reserve", 40, "muster.demo.reserve:demo_step"))
