from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "muster.portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from muster.portal import navigation

        navigation.register()
