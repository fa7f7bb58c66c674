from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "muster.geo"
    verbose_name = _("Units")

    def ready(self) -> None:
        from muster.core.registry import MenuEntry, registry

        registry.add_menu(
            MenuEntry(
                "units",
                _("Units"),
                "geo:unit_list",
                _("Provinces, communes and villages, dated."),
                10,
                namespaces=("geo",),
            )
        )
