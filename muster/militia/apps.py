from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilitiaConfig(AppConfig):
    name = "muster.militia"
    label = "militia"
    verbose_name = _("Militia")

    def ready(self) -> None:
        from muster.core.registry import MenuEntry, registry

        registry.add_menu(
            MenuEntry(
                "militia",
                _("Militia"),
                "militia:index",
                _("The militia and self-defence force."),
                90,
                namespaces=("militia",),
            )
        )
