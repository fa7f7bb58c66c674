"""Users, their role and their scope (a subtree of units)."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of Muster. What each may do is in ``muster.accounts.perms``."""

    SYSTEM_ADMIN = "system_admin", _("System administrator")
    DISTRICT_OFFICER = "district_officer", _("District or regional staff officer")
    COMMUNE_COMMANDER = "commune_commander", _("Commune military commander")
    COMMUNE_CLERK = "commune_clerk", _("Commune data clerk")
    HEALTH_COUNCIL = "health_council", _("Health council member")
    SERVICE_COUNCIL = "service_council", _("Military service council member")
    #: The provincial military service council (Hội đồng NVQS tỉnh): proposes the communes'
    #: quotas, the call-up lists and the deferrals to the provincial chairman (from 01/07/2025).
    PROVINCE_COUNCIL = "province_council", _("Provincial military service council member")
    #: The office of the provincial People's Committee chairman: records his decisions.
    PROVINCE_CHAIRMAN = "province_chairman", _("Provincial chairman's office")
    LEADER = "leader", _("Leader (read-only)")
    AUDITOR = "auditor", _("Auditor (read-only)")
    #: The system itself (management commands, the demo loader, data loads): one reserved
    #: user that cannot log in, with every capability and the whole system as its scope.
    SYSTEM = "system", _("System")


class User(AbstractUser):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    scope_unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("scope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The user sees this unit, its subtree and the units it succeeded."),
    )
    title = models.CharField(_("post"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_system_admin(self) -> bool:
        """True for the system administrator and the system actor: both see the whole system
        when they have no scope unit."""
        return self.role in (Role.SYSTEM_ADMIN, Role.SYSTEM)

    @property
    def is_system_actor(self) -> bool:
        """The reserved user the system acts as (``accounts.services.system_actor``)."""
        return self.role == Role.SYSTEM


class Post(models.Model):
    """One post (chức vụ) a user held: a role in a unit over a period. A person may hold posts
    in several units over time (the commander of the old Đức Hợp became the commander of the
    new one on 1 July 2025); the open post (no ``valid_to``) is the user's current one, mirrored
    in ``User.role`` and ``User.scope_unit`` which the permissions read. Written only by
    ``accounts.posts``."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="posts")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("post"), max_length=150, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["user", "valid_from", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(valid_to__isnull=True),
                name="accounts_post_one_open",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="accounts_post_valid_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.role} · {self.valid_from}–{self.valid_to or ''}"


class FailedLogin(models.Model):
    """One failed login attempt, for throttling (``accounts.throttle``): by user name, by
    client address, and by device (a browser that has logged in as the user). An attempt is
    written before its password is checked and removed again if it succeeds or is refused."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.CharField(max_length=64, db_index=True)
    #: The device id of the browser's device cookie for this user name; "" without one.
    device = models.CharField(max_length=64, blank=True, default="", db_index=True)
    attempted_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["attempted_at"], name="failed_login_time_idx")]

    def __str__(self) -> str:
        return f"{self.username}@{self.ip_address} {self.attempted_at:%Y-%m-%d %H:%M}"


class LoginCode(models.Model):
    """A one-time login code (mã đăng nhập một lần): the second way in for a user whose name
    is refused by the login throttle on a browser he has never logged in with.

    The unit's administrator issues it (``accounts.services.login_code_issue``) and hands it
    over in person or by telephone; the user redeems it on the unlock page with his user name
    (``accounts.throttle.login_code_redeem``), which makes that browser a known device for him,
    so failures made by others under his name no longer refuse it. Only a hash of the code is
    kept; a code serves once and expires (``LOGIN_CODE_MINUTES``)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="login_codes_issued")
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"], name="login_code_user_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("issued_at")),
                name="login_code_expires_after_issue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.issued_at:%Y-%m-%d %H:%M}"
