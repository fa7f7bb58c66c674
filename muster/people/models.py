"""The citizen registry (hồ sơ công dân): people, their family ties and evidence."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muster.people.reference import ETHNIC_GROUPS, KINH

# Registration records are models of this app, kept in their own module (imported here so
# Django registers them).
from muster.people.registration.models import (  # noqa: F401
    BarKind,
    EventKind,
    PoliceItemKind,
    PoliceReport,
    PoliceReportItem,
    RegistrationBar,
    RegistrationCall,
    RegistrationEvent,
    RegistrationReport,
)


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class HigherLevel(models.TextChoices):
    """Trade / college / university / postgraduate level (trình độ đào tạo)."""

    NONE = "", _("None")
    TRADE = "trade", _("Vocational (trung cấp)")
    COLLEGE = "college", _("College (cao đẳng)")
    UNIVERSITY = "university", _("University (đại học)")
    POSTGRADUATE = "postgraduate", _("Postgraduate (sau đại học)")


class StudyMode(models.TextChoices):
    NONE = "", _("—")
    FULL_TIME = "full_time", _("Full-time (chính quy)")
    OTHER = "other", _("Not full-time")


class StudyStatus(models.TextChoices):
    NONE = "", _("—")
    STUDYING = "studying", _("Studying")
    GRADUATED = "graduated", _("Graduated")
    DROPPED_OUT = "dropped_out", _("Dropped out")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Single")
    MARRIED = "married", _("Married")
    DIVORCED = "divorced", _("Divorced")
    WIDOWED = "widowed", _("Widowed")


class PersonQuerySet(models.QuerySet["Person"]):
    def in_units(self, unit_ids: frozenset[int]) -> PersonQuerySet:
        # One array parameter, not one per unit: a province is ~900 units (core.lookups).
        return self.filter(registration_unit_id__any_of=unit_ids)


class Person(models.Model):
    """A citizen (công dân) known to a commune military command."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=120)
    #: Folded name for search. Indexed by ``person_name_id`` (name_search, id) for the ordered
    #: list and, on PostgreSQL, by a pg_trgm index for "contains"; no single-column index.
    name_search = models.CharField(max_length=120, editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    date_of_birth = models.DateField(_("date of birth"), db_index=True)
    national_id = models.CharField(_("ID number (CCCD)"), max_length=12, unique=True)
    registration_unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("registration unit"),
        on_delete=models.PROTECT,
        db_index=False,  # led by the person_pool and person_unit_name indexes
        related_name="registered_people",
        help_text=_("The commune-level unit where the citizen is registered."),
    )
    residence_unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("village or residential group"),
        on_delete=models.PROTECT,
        related_name="residents",
        null=True,
        blank=True,
    )
    ethnicity = models.CharField(_("ethnicity"), max_length=2, choices=ETHNIC_GROUPS, default=KINH)
    religion = models.CharField(_("religion"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    occupation = models.CharField(_("occupation"), max_length=120, blank=True)
    workplace = models.CharField(_("workplace or school"), max_length=200, blank=True)
    #: None when not entered (0 is a real answer: never went to school).
    school_grade = models.PositiveSmallIntegerField(
        _("school grade completed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(12)],
    )
    in_school = models.BooleanField(_("still at school"), default=False)
    higher_level = models.CharField(
        _("trade or higher education"), max_length=15, choices=HigherLevel.choices, blank=True
    )
    field_of_study = models.CharField(_("field of study"), max_length=120, blank=True)
    study_mode = models.CharField(
        _("study mode"), max_length=10, choices=StudyMode.choices, blank=True
    )
    study_status = models.CharField(
        _("study status"), max_length=12, choices=StudyStatus.choices, blank=True
    )
    study_end_date = models.DateField(_("expected end of studies"), null=True, blank=True)
    party_member = models.BooleanField(_("Party member"), default=False)
    youth_union_member = models.BooleanField(_("Youth Union member"), default=False)
    marital_status = models.CharField(
        _("marital status"), max_length=10, choices=MaritalStatus.choices, default="single"
    )
    is_synthetic = models.BooleanField(_("synthetic (demo) record"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")
        ordering = ["name_search", "id"]
        indexes = [
            # The call-up pool and the reports' counts of men of an age per unit. It includes
            # the id, so a count that also excludes the removed and the barred by id reads the
            # index alone (PostgreSQL; 0,41 → 0,05 s for a 3,5 M province's 252.000 men).
            models.Index(
                fields=["registration_unit", "sex", "date_of_birth"],
                name="person_pool",
                include=["id"],
            ),
            # The reports reach a record's citizen by id only for his units (health calls,
            # dossiers, decisions counted per commune): with the units included, each of those
            # tens of thousands of probes reads the index alone (PostgreSQL; the province
            # dashboard at 3,5 M people: 0,56 → 0,42 s).
            models.Index(
                fields=["id"],
                name="person_units",
                include=["registration_unit", "residence_unit"],
            ),
            models.Index(
                fields=["registration_unit", "name_search", "id"], name="person_unit_name"
            ),
            # The keyset order of the registry list across communes (district-wide search).
            # It includes the person's own filter columns, so walking it in name order checks
            # scope, age, sex, village and education from the index alone (PostgreSQL; SQLite
            # has no INCLUDE and builds the plain index).
            models.Index(
                fields=["name_search", "id"],
                name="person_name_id",
                include=[
                    "registration_unit",
                    "residence_unit",
                    "sex",
                    "date_of_birth",
                    "school_grade",
                    "higher_level",
                ],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(school_grade__gte=0) & Q(school_grade__lte=12),
                name="person_school_grade_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.date_of_birth:%Y})"

    @property
    def is_ethnic_minority(self) -> bool:
        return self.ethnicity != KINH


class Relation(models.TextChoices):
    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    BROTHER = "brother", _("Brother")
    SISTER = "sister", _("Sister")
    SPOUSE = "spouse", _("Spouse")
    #: Natural or adopted (the rear policy covers both: Decree 27/2016 Art 6).
    CHILD = "child", _("Child")
    #: The spouse's parents and a legal guardian: relatives the rear policy covers (Law 78/2015
    #: Art 50(2), Decree 27/2016 Art 6).
    FATHER_IN_LAW = "father_in_law", _("Father-in-law")
    MOTHER_IN_LAW = "mother_in_law", _("Mother-in-law")
    GUARDIAN = "guardian", _("Legal guardian")


#: A tie that can bear on a citizen's call-up (Law 78/2015 Art 41: a martyr, a war invalid or
#: a sick soldier among his parents or brothers, a sibling serving). A tie outside it adds
#: nothing to the eligibility facts (``conscription.eligibility.selectors.facts_for_person``).
BEARING = (
    Q(is_martyr=True)
    | Q(war_invalid_class__isnull=False)
    | Q(sick_soldier_loss_pct__isnull=False)
    | Q(serving_as_soldier=True)
)


class FamilyTie(models.Model):
    """A relative of a citizen, with the facts the law turns on (Law 78/2015 Art 41)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="family_ties")
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    relative = models.ForeignKey(
        Person,
        verbose_name=_("relative in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    relative_name = models.CharField(_("relative's name"), max_length=120)
    relative_birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True
    )
    is_martyr = models.BooleanField(_("martyr (liệt sĩ)"), default=False)
    war_invalid_class = models.PositiveSmallIntegerField(
        _("war invalid class (thương binh hạng)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    war_invalid_loss_pct = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("war invalid: % loss of working capacity"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    sick_soldier_loss_pct = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("sick soldier or Agent Orange victim: % loss"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    serving_as_soldier = models.BooleanField(
        _("serving as NCO/soldier or police conscript"), default=False
    )
    heroic_mother = models.BooleanField(_("Heroic Mother"), default=False)
    able_to_work = models.BooleanField(_("able to work"), default=True)

    class Meta:
        verbose_name = _("family tie")
        verbose_name_plural = _("family ties")
        ordering = ["person_id", "id"]
        indexes = [
            # The ties the eligibility facts turn on (``BEARING``): a province's call-up pool
            # reads them for hundreds of thousands of men, most of whose ties bear on nothing.
            models.Index(fields=["person"], condition=BEARING, name="familytie_bearing"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(war_invalid_loss_pct__isnull=True) | Q(war_invalid_loss_pct__lte=100),
                name="familytie_war_invalid_pct",
            ),
            models.CheckConstraint(
                condition=Q(sick_soldier_loss_pct__isnull=True) | Q(sick_soldier_loss_pct__lte=100),
                name="familytie_sick_pct",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_relation_display()}: {self.relative_name}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    APPLIED = "applied", _("Imported")
    DISCARDED = "discarded", _("Discarded")


class ImportBatch(models.Model):
    """One uploaded spreadsheet of a commune (tệp nhập danh sách) and, once confirmed, its outcome.

    The file is kept until it is imported or discarded so the mapping, check and confirm steps
    read the very bytes whose SHA-256 the audit event records.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField(default=b"")
    mapping = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    row_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    #: Field-level changes of the updated people: ``[{"national_id", "line", "changes"}]``.
    changes = models.JSONField(default=list, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name


# ----------------------------------------------------------------------------- evidence


class EvidenceKind(models.TextChoices):
    ID_CARD_COPY = "id_card", _("Copy of the ID card (CCCD)")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    HEALTH_DECLARATION = "health_declaration", _("Self-declared health form")
    SCHOOL_CERTIFICATE = "school_certificate", _("School or study certificate")
    DECISION = "decision", _("Decision")
    OTHER = "other", _("Other document")


#: The file types evidence may have, by sniffed content (never by extension alone).
CONTENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


def evidence_path(instance: PersonDocument, filename: str) -> str:
    """``evidence/<uuid>.<ext>``: the user's file name is kept only in ``original_name``."""
    ext = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(
        instance.content_type, ""
    )
    return f"evidence/{instance.public_id}{ext}"


class PersonDocument(models.Model):
    """A scan or PDF attached to a citizen (CCCD copy, birth certificate, health form, …)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=24, choices=EvidenceKind.choices)
    date = models.DateField(_("document date"))
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=40, choices=[(c, c) for c in CONTENT_TYPES])
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("note"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Moved from the documents app (migration people 0008 renamed its table).
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")
        ordering = ["person_id", "-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gt=0) & Q(size__lte=MAX_EVIDENCE_BYTES),
                name="persondocument_size",
            ),
            models.CheckConstraint(
                condition=Q(content_type__in=CONTENT_TYPES), name="persondocument_type"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"
