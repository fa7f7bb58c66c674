from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConscriptionConfig(AppConfig):
    name = "muster.conscription"
    verbose_name = _("Call-up")

    def ready(self) -> None:
        from muster.conscription import sources
        from muster.conscription.cards import callup_card, dossiers_card, verdict_card
        from muster.conscription.commitments import on_official_list
        from muster.conscription.year.sources import READERS
        from muster.core.registry import (
            CalendarSource,
            CitizenCard,
            Commitment,
            DataSource,
            DemoStep,
            MenuEntry,
            registry,
        )

        registry.add_menu(
            MenuEntry(
                "conscription",
                _("Call-up"),
                "campaigns:campaign_list",
                _("Registration, the yearly campaign, quotas, selection, decisions and handover."),
                40,
                namespaces=("campaigns",),
            )
        )
        for name, label, read, batch in (
            (
                "callup.quota_met_pct",
                _("Call-up quota met (%)"),
                sources.quota_met_pct,
                sources.quota_met_pct_each,
            ),
            (
                "callup.replacements",
                _("Replacements after handover"),
                sources.replacements,
                sources.replacements_each,
            ),
            (
                "callup.recruits",
                _("Recruits who joined the army (handed over)"),
                sources.recruits,
                sources.recruits_each,
            ),
        ):
            registry.add_source(DataSource(name, label, _("Call-up"), read, batch))
        registry.add_commitment(
            Commitment("callup.official_list", _("On the call-up official list"), on_official_list)
        )
        registry.add_citizen_card(
            CitizenCard("verdict", 5, "conscription/_person_verdict.html", verdict_card)
        )
        registry.add_citizen_card(
            CitizenCard(
                "dossiers", 20, "conscription/_person_dossiers.html", dossiers_card, "col-lg-6"
            )
        )
        registry.add_citizen_card(
            CitizenCard("callup", 30, "conscription/_person_callup.html", callup_card)
        )
        for kind, done in READERS.items():
            registry.add_calendar_source(CalendarSource(kind, done))
        for name, order, builder in (
            ("callup.campaign2025", 40, "muster.demo.callup.campaign2025:demo_step"),
            ("callup.violations", 50, "muster.demo.callup.violations:demo_step"),
            ("callup.selection", 60, "muster.demo.callup.selection:demo_step"),
            ("callup.aftercare", 65, "muster.demo.callup.aftercare:demo_step"),
            ("callup.campaign2027", 70, "muster.demo.callup.campaign2027:demo_step"),
            ("callup.province", 72, "muster.demo.callup.province:demo_step"),
            ("callup.postings", 80, "muster.demo.callup.postings:demo_step"),
        ):
            registry.add_demo_step(DemoStep(name, order, builder))
