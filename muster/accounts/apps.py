from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "muster.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from muster.accounts.perms import Cap, has_cap
        from muster.core.registry import DemoStep, MenuEntry, registry

        registry.add_demo_step(DemoStep("accounts", 20, "muster.demo.accounts:demo_step"))
        registry.add_menu(
            MenuEntry(
                "users",
                _("Users"),
                "accounts:users",
                _("The users of your area, and one-time login codes for those locked out."),
                195,
                namespaces=("accounts",),
                visible_to=lambda user: has_cap(user, Cap.MANAGE_USERS),
            )
        )
