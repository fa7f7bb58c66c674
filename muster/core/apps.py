from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "muster.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db import models

        from muster.core.lookups import AnyOf

        # ``unit_id__any_of=ids`` on foreign keys and integer columns (see ``AnyOf``).
        models.ForeignKey.register_lookup(AnyOf)
        models.IntegerField.register_lookup(AnyOf)
