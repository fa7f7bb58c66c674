from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "muster.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from muster.core.registry import MenuEntry, registry

        registry.add_menu(
            MenuEntry(
                "api_tokens",
                _("API tokens"),
                "api:tokens",
                _("Tokens for programs that read or write Muster's data through its REST API."),
                196,
                namespaces=("api",),
            )
        )
