from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The synthetic demo district and its builders (``load_demo``); no models."""

    name = "muster.demo"
    verbose_name = _("Demo data")
