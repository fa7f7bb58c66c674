from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "muster.education"
    label = "education"
    verbose_name = _("Defence education")

    def ready(self) -> None:
        from muster.core.registry import DataSource, DemoStep, MenuEntry, registry
        from muster.education import sources

        registry.add_menu(
            MenuEntry(
                "education",
                _("Defence education"),
                "education:index",
                _("Defence and security education of the target groups 1–4."),
                110,
                namespaces=("education",),
            )
        )
        for name, label, read, batch in (
            (
                "education.group12_sent_pct",
                _("Groups 1–2 members certified this year, of the plan or of those due (%)"),
                sources.group12_pct,
                sources.group12_pct_each,
            ),
            (
                "education.group3_pct",
                _("Group 3 members certified this year, of the plan or of those due (%)"),
                sources.group3_pct,
                sources.group3_pct_each,
            ),
            (
                "education.group4_pct",
                _("Group 4 members certified this year, of the plan or of those due (%)"),
                sources.group4_pct,
                sources.group4_pct_each,
            ),
        ):
            registry.add_source(DataSource(name, label, _("Defence education"), read, batch))
        registry.add_demo_step(DemoStep("education", 46, "muster.demo.education:demo_step"))
