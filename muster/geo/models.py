"""Administrative and military units (đơn vị hành chính, đơn vị quân sự) as a dated tree.

The hierarchy is data: province (tỉnh) → district (huyện) or regional defence command
(Ban CH PTKV) → commune / ward / town (xã / phường / thị trấn) → village or residential group
(thôn / tổ dân phố). Every unit carries the dates it existed; mergers, splits and the 1 July 2025
reform are ``UnitChange`` rows linking predecessors to successors, each with its legal basis.
Nothing about the district level is hard-coded: a commune's parent is whatever unit the data says.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    DEFENCE_REGION = "defence_region", _("Regional defence command")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    TOWN = "town", _("Town")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    VILLAGE = "village", _("Village")
    RESIDENTIAL_GROUP = "residential_group", _("Residential group")


#: The word that names a unit's level in Vietnamese documents ("Ủy ban nhân dân xã …").
LEVEL_WORD_VI: dict[str, str] = {
    UnitKind.PROVINCE: "tỉnh",
    UnitKind.DISTRICT: "huyện",
    UnitKind.COMMUNE: "xã",
    UnitKind.WARD: "phường",
    UnitKind.TOWN: "thị trấn",
    UnitKind.SPECIAL_ZONE: "đặc khu",
}

#: The words a unit's name may already begin with that name its kind ("Thôn Hạ", "Ban CH PTKV 1"):
#: such a name is shown as it is, not after the kind word again ("Thôn Thôn Hạ").
NAME_HOLDS_KIND: dict[str, tuple[str, ...]] = {
    UnitKind.PROVINCE: ("tỉnh", "thành phố"),
    UnitKind.DISTRICT: ("huyện", "quận", "thị xã", "thành phố"),
    UnitKind.DEFENCE_REGION: ("ban ch", "ban chỉ huy", "bộ chỉ huy", "ptkv"),
    UnitKind.COMMUNE: ("xã",),
    UnitKind.WARD: ("phường",),
    UnitKind.TOWN: ("thị trấn",),
    UnitKind.SPECIAL_ZONE: ("đặc khu",),
    UnitKind.VILLAGE: ("thôn", "xóm", "ấp", "bản", "làng", "khu", "tổ"),
    UnitKind.RESIDENTIAL_GROUP: ("tổ dân phố", "tdp", "tổ", "khu phố", "khu"),
}


def name_holds_kind(kind: str, name: str) -> bool:
    """Whether ``name`` already begins with a word naming ``kind`` (Vietnamese or the kind's
    label in the current language)."""
    lowered = name.casefold()
    words = (*NAME_HOLDS_KIND.get(kind, ()), str(UnitKind(kind).label).casefold())
    return any(lowered == w or lowered.startswith(f"{w} ") for w in words)


#: Tier of each kind in the tree: 1 province, 2 district or PTKV, 3 commune level, 4 village.
KIND_TIER: dict[str, int] = {
    UnitKind.PROVINCE: 1,
    UnitKind.DISTRICT: 2,
    UnitKind.DEFENCE_REGION: 2,
    UnitKind.COMMUNE: 3,
    UnitKind.WARD: 3,
    UnitKind.TOWN: 3,
    UnitKind.SPECIAL_ZONE: 3,
    UnitKind.VILLAGE: 4,
    UnitKind.RESIDENTIAL_GROUP: 4,
}
COMMUNE_LEVEL_KINDS = frozenset(k for k, tier in KIND_TIER.items() if tier == 3)
VILLAGE_LEVEL_KINDS = frozenset(k for k, tier in KIND_TIER.items() if tier == 4)


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: dt.date) -> UnitQuerySet:
        """Units that existed on ``day`` (both ends inclusive)."""
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def commune_level(self) -> UnitQuerySet:
        return self.filter(kind__in=COMMUNE_LEVEL_KINDS)

    def village_level(self) -> UnitQuerySet:
        return self.filter(kind__in=VILLAGE_LEVEL_KINDS)


class Unit(models.Model):
    """One unit over the period it existed. A renamed or re-parented unit is a new row."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("official code"), max_length=20)
    code_verified = models.BooleanField(
        _("code verified"),
        default=True,
        help_text=_("False when the code is provisional and must be checked against the list."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=120)
    name_search = models.CharField(max_length=120, editable=False, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    #: Materialised path of primary keys ("00000001/00000004/"), for subtree queries.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_synthetic = models.BooleanField(_("synthetic population"), default=False)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="geo_unit_code_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="geo_unit_valid_interval",
            ),
        ]

    def __str__(self) -> str:
        if name_holds_kind(self.kind, self.name):
            return self.name
        return f"{self.get_kind_display()} {self.name}"

    @property
    def tier(self) -> int:
        return KIND_TIER[self.kind]

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


def unit_label(unit: Unit) -> str:
    """“Xã Đức Hợp (1997–2025)”: the kind, the name and, for a unit that ended, its years."""
    if unit.valid_to is None:
        return str(unit)
    return f"{unit} ({unit.valid_from.year}–{unit.valid_to.year})"


class ChangeKind(models.TextChoices):
    MERGE = "merge", _("Merger")
    SPLIT = "split", _("Split")
    RENAME = "rename", _("Rename or change of kind")
    REFORM = "reform", _("Reorganisation")


class UnitChange(models.Model):
    """A predecessor → successor link (sáp nhập, chia tách, đổi tên) effective on one date."""

    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successions")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="origins")
    kind = models.CharField(_("kind"), max_length=10, choices=ChangeKind.choices)
    effective_date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    partial = models.BooleanField(
        _("part only"), default=False, help_text=_("Only part of the predecessor moved here.")
    )

    class Meta:
        verbose_name = _("unit change")
        verbose_name_plural = _("unit changes")
        ordering = ["effective_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="geo_unitchange_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="geo_unitchange_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.name} → {self.successor.name} ({self.effective_date})"
