"""Choices of the education app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    OFFICIAL = "official", _("Cadre or civil servant")
    DEPUTY = "deputy", _("People's Council deputy")
    PART_TIME = "part_time", _("Part-time commune staff")
    VILLAGE_HEAD = "village_head", _("Village head")
    MASS_ORG = "mass_org", _("Head of a village mass organisation")
    PARTY_MEMBER = "party_member", _("Party member")
    MANAGER = "manager", _("Manager of a body or enterprise")
    OTHER = "other", _("Other")


class Result(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    PASSED = "passed", _("Passed the course")
    FAILED = "failed", _("Did not pass the course")
    ABSENT = "absent", _("Absent")


GROUP_CHOICES = [(1, _("Group 1")), (2, _("Group 2")), (3, _("Group 3")), (4, _("Group 4"))]
