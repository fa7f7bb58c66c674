from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "muster.audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        import muster.audit.keys  # noqa: F401  (registers the key's system check)
        from muster.accounts.perms import Cap, has_cap
        from muster.core.registry import MenuEntry, registry

        registry.add_menu(
            MenuEntry(
                "audit",
                _("Audit log"),
                "audit:event_list",
                _("Who changed what, when and why."),
                200,
                namespaces=("audit",),
                visible_to=lambda user: has_cap(user, Cap.VIEW_AUDIT),
            )
        )
