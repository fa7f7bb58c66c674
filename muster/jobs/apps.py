from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "muster.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from muster.jobs import services

        request_started.connect(services.request_started, dispatch_uid="muster.jobs.started")
        request_finished.connect(services.request_finished, dispatch_uid="muster.jobs.finished")
