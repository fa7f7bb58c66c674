from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReserveConfig(AppConfig):
    name = "muster.reserve"
    label = "reserve"
    verbose_name = _("Reserve")

    def ready(self) -> None:
        from muster.core.registry import Commitment, DataSource, DemoStep, MenuEntry, registry
        from muster.reserve.placement import sources as placement_sources
        from muster.reserve.placement.selectors import PLACED_COMMITMENT, placed_reservists
        from muster.reserve.register.selectors import REGISTERED_COMMITMENT, registered_reservists
        from muster.reserve.reports import sources

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
        for name, label, read, batch in (
            (
                "reserve.reservists",
                _("Reservists on the registers"),
                sources.reservists,
                sources.reservists_each,
            ),
            (
                "reserve.class_one_pct",
                _("Class 1 among the reserve NCOs and soldiers (%)"),
                sources.class_one_pct,
                sources.class_one_pct_each,
            ),
            (
                "reserve.group_a_pct",
                _("Group A among the reservists (%)"),
                sources.group_a_pct,
                sources.group_a_pct_each,
            ),
            (
                "reserve.unit_strength_pct",
                _("Reserve units' full-strength posts filled by placement (%)"),
                placement_sources.unit_strength_pct,
                placement_sources.unit_strength_pct_each,
            ),
        ):
            registry.add_source(DataSource(name, label, _("Reserve"), read, batch))
        registry.add_commitment(
            Commitment(
                PLACED_COMMITMENT,
                _("Reservist placed in a reserve unit"),
                placed_reservists,
            )
        )
        registry.add_demo_step(DemoStep("reserve", 40, "muster.demo.reserve:demo_step"))
