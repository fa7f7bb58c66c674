from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilitiaConfig(AppConfig):
    name = "muster.militia"
    label = "militia"
    verbose_name = _("Militia")

    def ready(self) -> None:
        from muster.core.registry import Commitment, MenuEntry, registry
        from muster.militia.members.selectors import STANDING_COMMITMENT, standing_members

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
        registry.add_commitment(
            Commitment(STANDING_COMMITMENT, _("Standing militia member"), standing_members)
        )
