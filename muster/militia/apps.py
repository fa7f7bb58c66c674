from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilitiaConfig(AppConfig):
    name = "muster.militia"
    label = "militia"
    verbose_name = _("Militia")
