from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "muster.people"
    verbose_name = _("Citizen registry")

    def ready(self) -> None:
        import muster.people.books.exports  # noqa: F401 - registers the job kind people.book
        from muster.core.registry import (
            CalendarSource,
            DataSource,
            DemoStep,
            MenuEntry,
            UnitFigure,
            registry,
        )
        from muster.law.callup import changes as change_rules
        from muster.people.calendar_sources import (
            april_registration_done,
            january_list_done,
            police_report_done,
        )
        from muster.people.registration.selectors_changes import running_status
        from muster.people.sources import (
            men_first_registered,
            men_first_registered_each,
            men_turning_17,
            men_turning_17_each,
            registered_per_unit,
        )

        registry.add_menu(
            MenuEntry(
                "people",
                _("Citizen registry"),
                "people:person_list",
                _("Citizens and their records."),
                20,
                namespaces=("people", "dossiers"),
            )
        )
        registry.add_source(
            DataSource(
                "registry.men_turning_17",
                _("Men turning 17 in the year, in the citizen registry"),
                _("Citizen registry"),
                men_turning_17,
                men_turning_17_each,
            )
        )
        registry.add_source(
            DataSource(
                "registry.first_registered",
                _("Men registered for military service for the first time in the year"),
                _("Citizen registry"),
                men_first_registered,
                men_first_registered_each,
            )
        )
        registry.add_unit_figure(
            UnitFigure("registry.registered", _("In registry"), 10, registered_per_unit)
        )
        registry.add_calendar_source(CalendarSource("january_list", january_list_done))
        registry.add_calendar_source(CalendarSource("police_report", police_report_done))
        registry.add_calendar_source(CalendarSource("april_registration", april_registration_done))
        registry.add_calendar_source(
            CalendarSource(
                change_rules.STEP_KIND, steps=change_rules.year_steps, status=running_status
            )
        )
        registry.add_demo_step(DemoStep("people", 10, "muster.demo.people.writer:demo_step"))
        registry.add_demo_step(
            DemoStep("police_reports", 90, "muster.demo.people.police:demo_step")
        )
        registry.add_demo_step(
            DemoStep(
                "people.registration_calls",
                30,
                "muster.demo.people.registration_calls:demo_step",
            )
        )
