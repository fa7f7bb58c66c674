"""Health screening and examination (sơ tuyển, khám tuyển sức khỏe NVQS).

A ``HealthSession`` is one day of preliminary screening at a commune health station or of
examination by the health council; ``HealthCall`` is a citizen called to it (with the day the
decision reached him, for the 15-day notice); ``StationResult`` is one station's finding for
that citizen (physique and eyes keep their measurements). The class (loại sức khỏe) is computed
by the pure ``scoring.classify`` and stored on the call with its T flag.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def class_label(health_class: int | None, temporary: bool) -> str:
    """``2``, ``3T``, or "" when there is no class."""
    if health_class is None:
        return ""
    return f"{health_class}T" if temporary else str(health_class)


class SessionKind(models.TextChoices):
    SCREENING = "screening", _("Preliminary screening (commune health station)")
    EXAMINATION = "examination", _("Examination by the health council")


class Station(models.TextChoices):
    """The stations of TT 105 Art 8(5),(6), in the order a citizen passes them.

    Round 1: physique, the clinical stations (gynaecology for women), closed by the imaging
    (abdominal ultrasound, ECG, chest X-ray). Round 2, for those who passed round 1: the lab
    (blood count, blood group, biochemistry, HBsAg, anti-HCV, 10-parameter urinalysis), the
    urine drug test and the HIV test. Which are required on a day is the rule
    ``health.exam_stations`` (``law.health.exam``); the two tests take negative/positive
    (``StationResult.positive``), every other station a score.
    """

    PHYSIQUE = "physique", _("Physique")
    SURGERY = "surgery", _("Surgery")
    DERMATOLOGY = "dermatology", _("Dermatology")
    EYES = "eyes", _("Eyes")
    ENT = "ent", _("Ear, nose and throat")
    TEETH = "teeth", _("Teeth, jaw and face")
    INTERNAL = "internal", _("Internal medicine")
    NEUROLOGY = "neurology", _("Neurology")
    PSYCHIATRY = "psychiatry", _("Psychiatry")
    GYNAECOLOGY = "gynaecology", _("Obstetrics and gynaecology")
    IMAGING = "imaging", _("Imaging (abdominal ultrasound, ECG, chest X-ray)")
    LAB = (
        "lab",
        _("Laboratory tests (blood count, blood group, biochemistry, HBsAg, anti-HCV, urine)"),
    )
    DRUG_TEST = "drug_test", _("Urine drug test")
    HIV_TEST = "hiv_test", _("HIV test")


class HealthSession(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=SessionKind.choices)
    unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="health_sessions",
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    body = models.CharField(
        _("health station or council"),
        max_length=200,
        blank=True,
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    #: The number of a screening session's call decision (quyết định gọi sơ tuyển), given when
    #: the session is opened: one counter per commune and year of the session's date, printed
    #: "Số: N/YYYY/QĐ-UBND". Empty for an examination session.
    decision_number = models.PositiveIntegerField(_("decision number"), null=True, blank=True)
    decision_year = models.PositiveSmallIntegerField(_("decision year"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("health session")
        verbose_name_plural = _("health sessions")
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["unit", "date"], name="healthsession_unit_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "decision_year", "decision_number"],
                condition=models.Q(decision_number__isnull=False),
                name="healthsession_decision_number_once",
            ),
            models.CheckConstraint(
                condition=models.Q(decision_number__isnull=True, decision_year__isnull=True)
                | models.Q(decision_number__gte=1, decision_year__isnull=False),
                name="healthsession_decision_number_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    @property
    def printed_number(self) -> str:
        """The call decision's number as printed after "Số:" ("3/2026"), blank when none."""
        if self.decision_number is None:
            return ""
        return f"{self.decision_number}/{self.decision_year}"


class HealthCall(models.Model):
    """A citizen called to a session (gọi sơ tuyển / gọi khám), and his result there."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(HealthSession, on_delete=models.PROTECT, related_name="calls")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="health_calls"
    )
    notified_on = models.DateField(_("decision received on"), null=True, blank=True)
    notice_late = models.BooleanField(_("late notice"), default=False)
    health_class = models.PositiveSmallIntegerField(_("health class"), null=True, blank=True)
    class_temporary = models.BooleanField(_("temporary (T)"), default=False)
    decisive = models.CharField(_("decisive indicators"), max_length=200, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    exempt_icd = models.CharField(_("registration-exempt illness (ICD)"), max_length=8, blank=True)
    bmi = models.DecimalField(_("BMI"), max_digits=5, decimal_places=2, null=True, blank=True)
    myopia = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    hyperopia = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    #: A T class: where the council referred the citizen for treatment (TT 105 Art 9(3)) and
    #: the day he is to be examined again.
    referred_to = models.CharField(_("referred for treatment to"), max_length=200, blank=True)
    recheck_by = models.DateField(_("to be examined again by"), null=True, blank=True)
    #: The council's conclusion found a positive urine drug test (TT 105 Art 8(5)); the
    #: eligibility engine reads it as drug addiction (TT 148 Art 4(3)(c)).
    drug_positive = models.BooleanField(_("positive drug test"), default=False)

    class Meta:
        verbose_name = _("citizen called to a health session")
        verbose_name_plural = _("citizens called to a health session")
        ordering = ["session_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="healthcall_once"),
            models.CheckConstraint(
                condition=Q(health_class__isnull=True)
                | (Q(health_class__gte=1) & Q(health_class__lte=6)),
                name="healthcall_class_range",
            ),
            models.CheckConstraint(
                condition=Q(health_class__isnull=True) | Q(concluded_on__isnull=False),
                name="healthcall_class_concluded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.session}"

    @property
    def class_label(self) -> str:
        return class_label(self.health_class, self.class_temporary)


class StationResult(models.Model):
    """One station's score (điểm 1–6, with T) for one called citizen; the drug and HIV tests
    take ``positive`` (negative/positive) and no score."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(HealthCall, on_delete=models.CASCADE, related_name="results")
    station = models.CharField(_("station"), max_length=12, choices=Station.choices)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    positive = models.BooleanField(_("positive"), null=True, blank=True)
    temporary = models.BooleanField(_("temporary (T)"), default=False)
    note = models.CharField(_("note"), max_length=255, blank=True)
    exempt_icd = models.CharField(_("registration-exempt illness (ICD)"), max_length=8, blank=True)
    # Physique.
    height_cm = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    weight_kg = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    chest_cm = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    bmi = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # Eyes: acuity in tenths, refraction magnitudes in dioptres.
    right_eye = models.PositiveSmallIntegerField(null=True, blank=True)
    left_eye = models.PositiveSmallIntegerField(null=True, blank=True)
    right_corrected = models.PositiveSmallIntegerField(null=True, blank=True)
    left_corrected = models.PositiveSmallIntegerField(null=True, blank=True)
    myopia = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    myopia_operated = models.BooleanField(default=False)
    hyperopia = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    astigmatism = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("station result")
        verbose_name_plural = _("station results")
        ordering = ["call_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "station"], name="stationresult_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=1) & Q(score__lte=6)),
                name="stationresult_score_range",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=False, positive__isnull=True)
                | Q(score__isnull=True, positive__isnull=False),
                name="stationresult_score_or_test",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.station}: {self.result_label}"

    @property
    def result_label(self) -> str:
        """``2``, ``3T``, or for a test "negative" / "positive" (translated)."""
        if self.score is None:
            return str(_("positive") if self.positive else _("negative"))
        return class_label(self.score, self.temporary)


class HealthAppeal(models.Model):
    """A medical appeal (giám định sức khỏe) of a council's conclusion, TT 105/2023 Art 10, 12.

    Proposed by the commune NVQS council or the Ban CH PTKV and assessed by the provincial
    medical assessment council (after the handover: Military Hospital 103 or 175), within 15
    days of a complete file. Its finding is final: concluding the appeal replaces the class of
    the examination it concerns (the original class is kept here)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(HealthCall, on_delete=models.PROTECT, related_name="appeals")
    proposed_by = models.CharField(_("proposed by"), max_length=200)
    reason = models.CharField(_("reason"), max_length=255)
    body = models.CharField(_("assessing council or hospital"), max_length=200)
    file_complete_on = models.DateField(_("file complete on"))
    original_class = models.PositiveSmallIntegerField()
    original_temporary = models.BooleanField(default=False)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    result_class = models.PositiveSmallIntegerField(_("health class"), null=True, blank=True)
    result_temporary = models.BooleanField(_("temporary (T)"), default=False)
    document = models.CharField(_("conclusion document"), max_length=120, blank=True)
    late = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medical appeal")
        verbose_name_plural = _("medical appeals")
        ordering = ["-file_complete_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call"],
                condition=Q(concluded_on__isnull=True),
                name="healthappeal_one_open",
            ),
            models.CheckConstraint(
                condition=Q(result_class__isnull=True)
                | (Q(result_class__gte=1) & Q(result_class__lte=6)),
                name="healthappeal_class_range",
            ),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(result_class__isnull=False),
                name="healthappeal_concluded_has_class",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call_id} {self.file_complete_on:%d/%m/%Y}"

    @property
    def original_label(self) -> str:
        return class_label(self.original_class, self.original_temporary)

    @property
    def result_label(self) -> str:
        return class_label(self.result_class, self.result_temporary)
