from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "muster.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from muster.core.registry import DemoStep, registry

        registry.add_demo_step(DemoStep("accounts", 20, "muster.demo.accounts:demo_step"))
