from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RearConfig(AppConfig):
    name = "muster.rear"
    label = "rear"
    verbose_name = _("Rear policy")

    def ready(self) -> None:
        from muster.core.registry import CitizenCard, DataSource, DemoStep, MenuEntry, registry
        from muster.rear import sources
        from muster.rear.cards import rear_card

        registry.add_menu(
            MenuEntry(
                "rear",
                _("Rear policy"),
                "rear:index",
                _("Support for the families of soldiers now serving."),
                105,
                namespaces=("rear",),
            )
        )
        registry.add_source(
            DataSource(
                "rear.families_visited_pct",
                _("Serving soldiers' families visited at Tết (%)"),
                _("Rear policy"),
                sources.families_visited_pct,
                sources.families_visited_pct_each,
            )
        )
        registry.add_citizen_card(
            CitizenCard("rear", 60, "rear/_person_cases.html", rear_card, "col-12")
        )
        # After the 2025 handover (callup.campaign2025, 40) and the recruits sent back after it
        # (callup.aftercare, 65): the families are those of the men still serving.
        registry.add_demo_step(DemoStep("rear", 67, "muster.demo.rear:demo_step"))
