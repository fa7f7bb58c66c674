"""Call-outs of forces and means (lệnh huy động) for readiness checks, drills, disaster
response and search and rescue: the kinds, who may sign the order on a day, and who decides
or carries out the call of each force, as dated rules. Pure: no Django.

Sources (legal-reference):

* §4, Law 53/2019 as amended by Law 98/2025 Art 7(5),(7) [C]: the **provincial chairman**
  assigns the communes their quotas for training, drills and readiness checks of reservists,
  and decides the number and duration of asset call-outs; the **commune chairman carries
  out** the call-out of each asset. Readiness checks last at most 7 days (the reserve's
  ``reserve.training.caps``). Who signs the individual call of a reservist is not in the
  reference: the commune chairman (after 01/07/2025) and the district chairman (before) are
  configurable defaults, ``confirmed=False``.
* §3, Law 48/2019 as amended by Law 98/2025 Art 10(16) [C]: the **commune commander deploys**
  the commune's militia with the agreement of the commune chairman and the provincial
  commander; before 01/07/2025 the district commander agreed (default, unverified).
* §7, the Law on Civil Defence 18/2023 (in force 01/07/2024) governs disaster response and
  search and rescue; the reference does not quote its deciders: the chairmen of the People's
  Committees directing the response in their area are a default, ``confirmed=False``. No rule
  is encoded before 01/07/2024 (the earlier disaster law is not in the reference).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from muster.law.rulebook import Citation, NoRuleInForce, Rule, RuleBook, make_rule
from muster.law.sources import (
    BEFORE_98,
    LAW_18_2023,
    LAW_18_2023_FROM,
    LAW_48,
    LAW_48_FROM,
    LAW_53,
    LAW_53_FROM,
    LAW_98,
    LAW_98_FROM,
)
from muster.law.text import Text


class OrderKind(StrEnum):
    """The kinds of call-out order."""

    READINESS_CHECK = "readiness_check"
    DRILL = "drill"
    DISASTER = "disaster"
    SEARCH_RESCUE = "search_rescue"


KIND_LABELS: dict[OrderKind, Text] = {
    OrderKind.READINESS_CHECK: Text(
        "Kiểm tra sẵn sàng động viên, sẵn sàng chiến đấu", "Readiness check"
    ),
    OrderKind.DRILL: Text("Diễn tập", "Drill"),
    OrderKind.DISASTER: Text("Ứng phó thiên tai, thảm họa", "Disaster response"),
    OrderKind.SEARCH_RESCUE: Text("Tìm kiếm cứu nạn", "Search and rescue"),
}


class Force(StrEnum):
    """What a line of an order calls: a reservist, a militia member, another force, an asset."""

    RESERVIST = "reservist"
    MILITIA = "militia"
    OTHER = "other"
    ASSET = "asset"


FORCE_LABELS: dict[Force, Text] = {
    Force.RESERVIST: Text("Quân nhân dự bị", "Reservist"),
    Force.MILITIA: Text("Dân quân", "Militia"),
    Force.OTHER: Text("Lực lượng khác", "Other force"),
    Force.ASSET: Text("Phương tiện kỹ thuật dự bị", "Reserve technical asset"),
}

AUTHORITY_LABELS: dict[str, Text] = {
    "provincial_chairman": Text(
        "Chủ tịch Ủy ban nhân dân cấp tỉnh", "Provincial People's Committee chairman"
    ),
    "district_chairman": Text(
        "Chủ tịch Ủy ban nhân dân cấp huyện", "District People's Committee chairman"
    ),
    "commune_chairman": Text(
        "Chủ tịch Ủy ban nhân dân cấp xã", "Commune People's Committee chairman"
    ),
    "commune_commander": Text(
        "Chỉ huy trưởng Ban Chỉ huy quân sự cấp xã", "Commune military commander"
    ),
}

_PRE_REFORM = (
    "Unverified: the legal reference quotes the amended text only; before 1 Jul 2025 this "
    "default names the district-level actor the reform abolished."
)
_NOT_QUOTED = "Unverified: the legal reference does not quote who signs this call."


#: The reference quotes no article of the pre-reform text: the law is cited whole.
_LAW53_BEFORE = Citation(LAW_53, None, None, None, "text before Law 98/2025")


def _l98(article: str, item: str, text: str) -> Citation:
    return Citation(LAW_98, article, item, None, text)


def _law18(text: str) -> Citation:
    return Citation(LAW_18_2023, None, None, None, text)


def _two(
    code: str,
    title: tuple[str, str],
    start: dt.date,
    before: tuple[str, Citation, bool, str],
    after: tuple[str, tuple[Citation, ...], bool, str],
) -> tuple[Rule, Rule]:
    """A rule's version before Law 98/2025 (from ``start``) and from 1 Jul 2025. The codes in
    ``orderers`` are comma-separated keys of ``AUTHORITY_LABELS``."""
    en, vi = title
    return (
        make_rule(
            code,
            "authority",
            en,
            vi,
            before[1],
            start,
            BEFORE_98,
            confirmed=before[2],
            note=before[3],
            orderers=before[0],
        ),
        make_rule(
            code,
            "authority",
            en,
            vi,
            after[1],
            LAW_98_FROM,
            confirmed=after[2],
            note=after[3],
            orderers=after[0],
        ),
    )


_RESERVE_CALL = (
    _l98("7", "5", "the provincial chairman assigns quotas for training, drills, readiness checks"),
    _l98(
        "7",
        "7",
        "the provincial chairman decides asset call-outs; the commune chairman carries out",
    ),
)
_MILITIA_DEPLOY = _l98("10", "16", "the commune commander deploys, with the agreement required")
_CIVIL = _law18("the People's Committee chairmen direct the response in their area")

MOBILISATION_RULES: tuple[Rule, ...] = (
    *_two(
        "mobilisation.order.readiness_check",
        ("Who signs a call-out for a readiness check", "Thẩm quyền ra lệnh kiểm tra sẵn sàng"),
        LAW_53_FROM,
        ("district_chairman", _LAW53_BEFORE, False, _PRE_REFORM),
        ("commune_chairman", _RESERVE_CALL, False, _NOT_QUOTED),
    ),
    *_two(
        "mobilisation.order.drill",
        ("Who signs a call-out for a drill", "Thẩm quyền ra lệnh huy động diễn tập"),
        LAW_53_FROM,
        (
            "district_chairman,commune_commander",
            _LAW53_BEFORE,
            False,
            _PRE_REFORM,
        ),
        (
            "commune_chairman,commune_commander",
            (*_RESERVE_CALL, _MILITIA_DEPLOY),
            False,
            _NOT_QUOTED,
        ),
    ),
    *_two(
        "mobilisation.order.disaster",
        (
            "Who signs a call-out for disaster response",
            "Thẩm quyền ra lệnh huy động ứng phó thiên tai, thảm họa",
        ),
        LAW_18_2023_FROM,
        ("district_chairman,commune_chairman,commune_commander", _CIVIL, False, _PRE_REFORM),
        (
            "provincial_chairman,commune_chairman,commune_commander",
            (_CIVIL, _MILITIA_DEPLOY),
            False,
            _NOT_QUOTED,
        ),
    ),
    *_two(
        "mobilisation.order.search_rescue",
        (
            "Who signs a call-out for search and rescue",
            "Thẩm quyền ra lệnh huy động tìm kiếm cứu nạn",
        ),
        LAW_18_2023_FROM,
        ("district_chairman,commune_chairman,commune_commander", _CIVIL, False, _PRE_REFORM),
        (
            "provincial_chairman,commune_chairman,commune_commander",
            (_CIVIL, _MILITIA_DEPLOY),
            False,
            _NOT_QUOTED,
        ),
    ),
    *_two(
        "mobilisation.force.militia",
        (
            "Who deploys the commune's militia",
            "Thẩm quyền điều động dân quân của cấp xã",
        ),
        LAW_48_FROM,
        (
            "commune_commander",
            Citation(LAW_48, None, None, None, "commune commander, district commander agreeing"),
            False,
            _PRE_REFORM,
        ),
        ("commune_commander", (_MILITIA_DEPLOY,), True, ""),
    ),
    *_two(
        "mobilisation.force.assets",
        (
            "Who decides and carries out the call-out of reserve technical assets",
            "Thẩm quyền quyết định, tổ chức huy động phương tiện kỹ thuật dự bị",
        ),
        LAW_53_FROM,
        ("district_chairman", _LAW53_BEFORE, False, _PRE_REFORM),
        ("provincial_chairman,commune_chairman", (_RESERVE_CALL[1],), True, ""),
    ),
    *_two(
        "mobilisation.force.reservists",
        (
            "Who decides the call of reservists for training, drills and readiness checks",
            "Thẩm quyền quyết định gọi quân nhân dự bị huấn luyện, diễn tập, kiểm tra sẵn sàng",
        ),
        LAW_53_FROM,
        ("district_chairman", _LAW53_BEFORE, False, _PRE_REFORM),
        ("provincial_chairman,commune_chairman", (_RESERVE_CALL[0],), False, _NOT_QUOTED),
    ),
)

_BOOK = RuleBook(MOBILISATION_RULES)


def _orderers(item: Rule) -> tuple[str, ...]:
    return tuple(str(item.param("orderers")).split(","))


@dataclass(frozen=True, slots=True)
class OrderBasis:
    """Who may sign an order of ``kind`` on a day (``orderers``, keys of
    ``AUTHORITY_LABELS``), and the rules that say so, per force called."""

    kind: OrderKind
    orderers: tuple[str, ...]
    rules: tuple[Rule, ...]

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.rules)

    @property
    def citations(self) -> tuple[Citation, ...]:
        seen: dict[Citation, None] = {}
        for item in self.rules:
            for c in item.citations:
                seen.setdefault(c, None)
        return tuple(seen)

    def text(self) -> Text:
        """The basis in both languages: each citation, "(chưa xác minh)" when unconfirmed."""
        flag_vi = "" if self.confirmed else " (chưa xác minh)"
        flag_en = "" if self.confirmed else " (unverified)"
        return Text(
            "; ".join(c.label_vi for c in self.citations) + flag_vi,
            "; ".join(c.label for c in self.citations) + flag_en,
        )


_FORCE_RULES: dict[Force, str] = {
    Force.RESERVIST: "mobilisation.force.reservists",
    Force.MILITIA: "mobilisation.force.militia",
    Force.ASSET: "mobilisation.force.assets",
}


def order_basis(kind: OrderKind | str, on: dt.date, forces: tuple[str, ...] = ()) -> OrderBasis:
    """The basis of an order of ``kind`` signed on ``on`` calling ``forces``. Raises
    ``NoRuleInForce`` on a day no version covers (before the Reserve Law, or a disaster before
    the Civil Defence Law)."""
    kind = OrderKind(kind)
    main = _BOOK.rule(f"mobilisation.order.{kind.value}", on)
    extra = tuple(
        _BOOK.rule(_FORCE_RULES[Force(f)], on) for f in dict.fromkeys(forces) if f in _FORCE_RULES
    )
    return OrderBasis(kind, _orderers(main), (main, *extra))


def may_order(kind: OrderKind | str, authority: str, on: dt.date) -> bool:
    """Whether ``authority`` may sign an order of ``kind`` on ``on`` (False on a day without
    a rule)."""
    try:
        return authority in order_basis(kind, on).orderers
    except NoRuleInForce:
        return False


def authority_label(code: str) -> Text:
    return AUTHORITY_LABELS[code]
