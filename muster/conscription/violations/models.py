"""Models of the call-up sub-domain `violations` (app label ``conscription``)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muster.conscription.campaign.models import Campaign


class ViolationKind(models.TextChoices):
    """The acts of Decree 218/2025 Arts 8–10 (and Decree 120/2013 as amended before it)."""

    NO_FIRST_REGISTRATION = "no_first_registration", _("Failed to make the first registration")
    NO_CHANGE_REGISTRATION = (
        "no_change_registration",
        _("Failed to register a change (additional, transfer, absence, reserve)"),
    )
    ABSENT_SCREENING = "absent_screening", _("Absent from preliminary screening")
    REFUSED_SCREENING = "refused_screening", _("Did not accept the screening decision")
    ABSENT_EXAM = "absent_exam", _("Absent from the health examination")
    REFUSED_EXAM = "refused_exam", _("Did not accept the examination decision")
    CHEATED_EXAM = "cheated_exam", _("Cheated to falsify the health classification")
    DEFIED_EXAM = "defied_exam", _("Did not comply with the screening or examination decision")
    ABSENT_CALLUP = "absent_callup", _("Absent at the time and place of the call-up decision")
    EVADED_AFTER_FIT = "evaded_after_fit", _("Cheated to evade service after being found fit")
    REFUSED_CALLUP = "refused_callup", _("Did not comply with the call-up decision")
    OBSTRUCTED_EXAM = "obstructed_exam", _("Obstructed others from the health examination")
    OBSTRUCTED_CALLUP = (
        "obstructed_callup",
        _("Obstructed a citizen from complying with the call-up decision"),
    )
    ORG_REPORT_INCOMPLETE = (
        "org_report_incomplete",
        _("Organisation reported incomplete numbers of reservists and men of service age"),
    )
    ORG_REPORT_INACCURATE = (
        "org_report_inaccurate",
        _("Organisation reported inaccurate numbers of reservists and men of service age"),
    )
    ORG_NO_REPORT = (
        "org_no_report",
        _("Organisation did not report its reservists and men of service age"),
    )


class ViolationSubject(models.TextChoices):
    """Who is sanctioned (đối tượng bị xử phạt)."""

    INDIVIDUAL = "individual", _("Individual")
    ORGANISATION = "organisation", _("Organisation")


class ViolationState(models.TextChoices):
    OPEN = "open", _("Open")
    NOTICE_SERVED = "notice_served", _("Notice served")
    GOOD_REASON = "good_reason", _("Closed: good reason")
    PENALISED = "penalised", _("Penalty decided")
    PAID = "paid", _("Fine paid")
    ESCALATED = "escalated", _("Referred for criminal proceedings")
    CLOSED = "closed", _("Closed")


class ViolationCase(models.Model):
    """A case for breaking the Military Service Law (vi phạm Luật NVQS): failing to register,
    to attend screening or examination, or to obey a call-up decision; obstructing a citizen's
    examination or call-up; an organisation failing its report.

    The offender is either a citizen of the registry (``person``) or named on the case
    (``offender_name``: an organisation, or an individual outside the registry such as a
    relative who obstructed), never both (constraint ``violation_one_offender``).

    The penalty band (``decree``, ``fine_min``, ``fine_max``, ``penalty_citation``) is the one
    of the decree in force on ``occurred_on`` (Decree 120/2013 as amended by 37/2022 before
    5 Aug 2025, Decree 218/2025 from then), frozen on the case when it is opened."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="violations",
        null=True,
        blank=True,
    )
    subject = models.CharField(
        _("offender is"),
        max_length=12,
        choices=ViolationSubject.choices,
        default=ViolationSubject.INDIVIDUAL,
    )
    #: The offender when not a citizen of the registry: an organisation (agency, enterprise,
    #: school) or an individual such as a relative; with its address.
    offender_name = models.CharField(_("offender's name"), max_length=200, blank=True)
    offender_address = models.CharField(_("offender's address"), max_length=255, blank=True)
    unit = models.ForeignKey("geo.Unit", on_delete=models.PROTECT, related_name="violations")
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="violations", null=True, blank=True
    )
    kind = models.CharField(_("violation"), max_length=24, choices=ViolationKind.choices)
    occurred_on = models.DateField(_("occurred on"))
    facts = models.TextField(_("facts"))
    state = models.CharField(
        _("state"), max_length=14, choices=ViolationState.choices, default=ViolationState.OPEN
    )
    decree = models.CharField(_("decree"), max_length=40)
    penalty_citation = models.CharField(_("penalty's legal basis"), max_length=255)
    warning_only = models.BooleanField(_("warning for a first offence"), default=False)
    #: The remedial measure (biện pháp khắc phục hậu quả) of the band, in Vietnamese, frozen
    #: with it ("" when the act carries none), and whether the legal reference confirms it.
    remedial_measures = models.CharField(_("remedial measures"), max_length=255, blank=True)
    remedial_confirmed = models.BooleanField(_("remedial measures confirmed"), default=True)
    fine_min = models.PositiveIntegerField(_("lowest fine (VND)"))
    fine_max = models.PositiveIntegerField(_("highest fine (VND)"))
    good_reason = models.CharField(_("good reason"), max_length=40, blank=True)
    good_reason_note = models.CharField(_("good reason details"), max_length=255, blank=True)
    decision_number = models.CharField(_("penalty decision number"), max_length=40, blank=True)
    decided_on = models.DateField(_("penalty decided on"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=120, blank=True)
    fine_amount = models.PositiveIntegerField(_("fine decided (VND)"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_amount = models.PositiveIntegerField(_("amount paid (VND)"), null=True, blank=True)
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("repeat of"),
        on_delete=models.PROTECT,
        related_name="repeats",
        null=True,
        blank=True,
    )
    escalated_on = models.DateField(_("referred on"), null=True, blank=True)
    escalation_note = models.CharField(_("referral details"), max_length=255, blank=True)
    #: "art332" when Penal Code Art 332's condition held, "reason" when referred on an
    #: explicit reason instead (violation_rules.escalation_possible).
    escalation_basis = models.CharField(_("basis of the referral"), max_length=8, blank=True)
    #: The band's rule (``violation_rules``) and whether the legal reference confirms it.
    rule_code = models.CharField(_("penalty rule"), max_length=60, blank=True)
    band_confirmed = models.BooleanField(_("band confirmed from the text"), default=True)
    #: The record a case was opened from ("regevent:<uuid>", "healthcall:<uuid>",
    #: "decision:<uuid>", "january:<uuid>"): one case per record.
    source_ref = models.CharField(_("opened from"), max_length=80, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.CharField(_("closing note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("violation case")
        verbose_name_plural = _("violation cases")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["unit", "kind", "occurred_on"], name="violation_unit_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(fine_max__gte=models.F("fine_min")), name="violation_band_order"
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["penalised", "paid"])
                | (Q(decided_on__isnull=False) & ~Q(decided_by="")),
                name="violation_penalty_has_decision",
            ),
            models.CheckConstraint(
                condition=~Q(state="paid") | Q(paid_on__isnull=False),
                name="violation_paid_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state="good_reason") | ~Q(good_reason=""),
                name="violation_good_reason_named",
            ),
            models.CheckConstraint(
                condition=Q(fine_amount__isnull=True)
                | (
                    Q(fine_amount__gte=models.F("fine_min"))
                    & Q(fine_amount__lte=models.F("fine_max"))
                ),
                name="violation_fine_in_band",
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True) | Q(paid_amount__lte=models.F("fine_amount")),
                name="violation_paid_not_above_fine",
            ),
            models.CheckConstraint(
                condition=~Q(state="escalated") | Q(escalated_on__isnull=False),
                name="violation_escalated_has_date",
            ),
            models.UniqueConstraint(
                fields=["source_ref"], condition=~Q(source_ref=""), name="violation_source_once"
            ),
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(offender_name=""))
                | (Q(person__isnull=True) & ~Q(offender_name="")),
                name="violation_one_offender",
            ),
            models.CheckConstraint(
                condition=~Q(subject="organisation") | Q(person__isnull=True),
                name="violation_organisation_not_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_on:%d/%m/%Y}"

    @property
    def offender_label(self) -> str:
        """The offender's name: the citizen's, or the organisation's or individual's named."""
        return self.person.full_name if self.person is not None else self.offender_name

    @property
    def is_organisation(self) -> bool:
        return self.subject == ViolationSubject.ORGANISATION


class ViolationNotice(models.Model):
    """A notice or summons served in a violation case (giấy mời, thông báo), to whom and when."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(ViolationCase, on_delete=models.CASCADE, related_name="notices")
    served_on = models.DateField(_("served on"))
    served_to = models.CharField(_("served to"), max_length=120)
    content = models.CharField(_("content"), max_length=255)
    respond_by = models.DateField(_("to answer by"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["served_on", "id"]

    def __str__(self) -> str:
        return f"{self.served_on:%d/%m/%Y}"
