"""The call-up app's models, one module per sub-domain; imported here so Django registers
them under the ``conscription`` app label (no table moved)."""

from muster.conscription.aftercare.models import (
    AllowanceLine,
    FamilyNotice,
    StandardsRecheck,
)
from muster.conscription.campaign.models import (
    Allocation,
    Campaign,
    CampaignCommune,
    Quota,
    QuotaHistory,
    Service,
)
from muster.conscription.decisions.models import (
    CallupDecision,
    DecisionCounter,
    DecisionStatus,
    VerificationMiss,
)
from muster.conscription.dossiers.models import (
    Dossier,
    DossierKind,
    DossierState,
)
from muster.conscription.eligibility.models import PoliticalOutcome, PoliticalVerification
from muster.conscription.handover.models import (
    Handover,
    HandoverPlan,
    ReceivingUnit,
    Recruit,
    RecruitReturn,
    Replacement,
    ReturnReason,
)
from muster.conscription.postings.models import (
    Complaint,
    ComplaintOutcome,
    Posting,
    PostingKind,
)
from muster.conscription.province.models import (
    ProvinceDecision,
    ProvinceDecisionItem,
    ProvinceFile,
    QuotaReceipt,
)
from muster.conscription.selection.models import (
    ListKind,
    ReviewKind,
    ReviewOutcome,
    ReviewStep,
    SelectionEntry,
    SelectionList,
    SelectionState,
    Volunteer,
)
from muster.conscription.violations.models import (
    ViolationCase,
    ViolationKind,
    ViolationNotice,
    ViolationState,
    ViolationSubject,
)

__all__ = [
    "Allocation",
    "AllowanceLine",
    "CallupDecision",
    "Campaign",
    "CampaignCommune",
    "Complaint",
    "ComplaintOutcome",
    "DecisionCounter",
    "DecisionStatus",
    "Dossier",
    "DossierKind",
    "DossierState",
    "FamilyNotice",
    "Handover",
    "HandoverPlan",
    "ListKind",
    "PoliticalOutcome",
    "PoliticalVerification",
    "Posting",
    "PostingKind",
    "ProvinceDecision",
    "ProvinceDecisionItem",
    "ProvinceFile",
    "Quota",
    "QuotaHistory",
    "QuotaReceipt",
    "ReceivingUnit",
    "Recruit",
    "RecruitReturn",
    "Replacement",
    "ReturnReason",
    "ReviewKind",
    "ReviewOutcome",
    "ReviewStep",
    "SelectionEntry",
    "SelectionList",
    "SelectionState",
    "Service",
    "StandardsRecheck",
    "VerificationMiss",
    "ViolationCase",
    "ViolationKind",
    "ViolationNotice",
    "ViolationState",
    "ViolationSubject",
    "Volunteer",
]
