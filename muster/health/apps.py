from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "muster.health"
    verbose_name = _("Health")

    def ready(self) -> None:
        from muster.core.registry import CitizenCard, MenuEntry, registry
        from muster.health.cards import health_card

        registry.add_menu(
            MenuEntry(
                "health",
                _("Health screening"),
                "health:session_list",
                _("Preliminary screening and examination by the health council."),
                30,
                namespaces=("health",),
            )
        )
        registry.add_citizen_card(
            CitizenCard("health", 10, "health/_person_health.html", health_card, "col-lg-6")
        )
