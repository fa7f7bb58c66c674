from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilitiaConfig(AppConfig):
    name = "muster.militia"
    label = "militia"
    verbose_name = _("Militia")

    def ready(self) -> None:
        from muster.core.registry import Commitment, DataSource, DemoStep, MenuEntry, registry
        from muster.militia import sources
        from muster.militia.allowances.lines import DUTY_SOURCES
        from muster.militia.members.selectors import STANDING_COMMITMENT, standing_members
        from muster.militia.training.duty import training_duty_days

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
        # Training days are paid on the month's allowance list beside the call-out days.
        if training_duty_days not in DUTY_SOURCES:
            DUTY_SOURCES.append(training_duty_days)
        registry.add_commitment(
            Commitment(STANDING_COMMITMENT, _("Standing militia member"), standing_members)
        )
        for name, label, read, batch in (
            (
                "militia.members",
                _("Militia members serving"),
                sources.members,
                sources.members_each,
            ),
            (
                "militia.strength_pct",
                _("Militia strength (% of the established strength)"),
                sources.strength_pct,
                sources.strength_pct_each,
            ),
            (
                "militia.party_pct",
                _("Party members among the militia (%)"),
                sources.party_pct,
                sources.party_pct_each,
            ),
            (
                "militia.youth_pct",
                _("Youth Union members among the militia (%)"),
                sources.youth_pct,
                sources.youth_pct_each,
            ),
        ):
            registry.add_source(DataSource(name, label, _("Militia"), read, batch))
        registry.add_demo_step(DemoStep("militia", 35, "muster.demo.militia:demo_step"))
