from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefenceConfig(AppConfig):
    name = "muster.defence"
    label = "defence"
    verbose_name = _("Defence works")

    def ready(self) -> None:
        from muster.core.registry import CalendarSource, DataSource, DemoStep, MenuEntry, registry
        from muster.defence import calendar, sources
        from muster.law.defence import cycles

        registry.add_menu(
            MenuEntry(
                "defence",
                _("Defence works"),
                "defence:index",
                _("Defence works, defence and civil defence plans and drills."),
                108,
                namespaces=("defence",),
            )
        )
        for name, label, read, batch in (
            (
                "defence.land_ha",
                _("Land for defence works acquired (ha, land step approved)"),
                sources.land_ha,
                sources.land_ha_each,
            ),
            (
                "defence.land_m2",
                _("Land for defence works acquired (m², land step approved)"),
                sources.land_m2,
                sources.land_m2_each,
            ),
            (
                "defence.hq_started",
                _("Commune military HQs whose construction start is approved"),
                sources.hq_started,
                sources.hq_started_each,
            ),
        ):
            registry.add_source(DataSource(name, label, _("Defence works"), read, batch))
        registry.add_calendar_source(
            CalendarSource(
                cycles.WORK_PLAN_KIND, done=calendar.work_plan_done, steps=cycles.year_steps
            )
        )
        registry.add_calendar_source(
            CalendarSource(cycles.CIVIL_PLAN_KIND, done=calendar.civil_plan_done)
        )
        registry.add_calendar_source(
            CalendarSource(cycles.DRILLS_KIND, status=calendar.drills_status)
        )
        registry.add_demo_step(DemoStep("defence", 43, "muster.demo.defence:demo_step"))
