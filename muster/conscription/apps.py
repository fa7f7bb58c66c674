from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConscriptionConfig(AppConfig):
    name = "muster.conscription"
    verbose_name = _("Call-up")
