"""The demo defence and security education of Kim Động in 2025 (issue 19 part 1), after the
geography and accounts (order 46):

* **members**: per old commune, its leaders and staff of group 4 (chairman, vice-chairman,
  commune commander, People's Council deputies, village heads, heads of mass organisations,
  Party members); at the district, the division heads of group 3 and two leaders of group 2;
* **plans**: the district's 2025 quotas of groups 2–3 and each commune's of group 4;
* **courses**: the district's cohort at the provincial course for group 3 (March, at the
  provincial command's training centre), the district's course for group 4 (May, before the
  reform: certificates by the commune chairmen for commune staff) and a course for the
  remaining group 4 members in September (after 1 Jul 2025: the provincial command issues,
  flagged unverified);
* most pass; some are absent or fail; a quarter of group 4 is never enrolled (still due).

Through the services as the system actor (every step audited), deterministic from the seed,
idempotent (skipped when the district's group 3 course of 2025 exists)."""

from __future__ import annotations

import datetime as dt
import random

from muster.accounts.services import system_actor
from muster.education import services
from muster.education.choices import Category, Result
from muster.education.models import Course, EducationMember
from muster.geo.models import Unit

COMMUNES = (
    "LB_T", "PNL", "CN", "DH24", "DT", "VXA", "TT", "ND",
    "SM", "HA", "HC", "NT", "PTO", "MD", "DHOP",
)  # fmt: skip
SINCE = dt.date(2021, 7, 1)
G3_TITLE = "Bồi dưỡng kiến thức QP-AN đối tượng 3 năm 2025 (huyện Kim Động)"

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô")
MIDDLE_M = ("Văn", "Đức", "Quang", "Minh", "Hữu", "Xuân")
MIDDLE_F = ("Thị", "Thu", "Thanh", "Ngọc")
GIVEN_M = ("Hùng", "Dũng", "Tuấn", "Thắng", "Hải", "Long", "Nam", "Sơn", "Tiến", "Cường")
GIVEN_F = ("Lan", "Hương", "Hoa", "Mai", "Nga", "Huyền", "Thảo", "Yến")

COMMUNE_POSTS: tuple[tuple[str, str], ...] = (
    ("Chủ tịch UBND xã", Category.OFFICIAL),
    ("Phó Chủ tịch UBND xã", Category.OFFICIAL),
    ("Chỉ huy trưởng Ban CHQS xã", Category.OFFICIAL),
    ("Đại biểu HĐND xã", Category.DEPUTY),
    ("Đại biểu HĐND xã", Category.DEPUTY),
    ("Trưởng thôn", Category.VILLAGE_HEAD),
    ("Trưởng thôn", Category.VILLAGE_HEAD),
    ("Chi hội trưởng Hội Phụ nữ thôn", Category.MASS_ORG),
    ("Bí thư chi bộ thôn", Category.PARTY_MEMBER),
    ("Đảng viên chi bộ thôn", Category.PARTY_MEMBER),
    ("Phó Chỉ huy trưởng Ban CHQS xã (không chuyên trách)", Category.PART_TIME),
)
DISTRICT_POSTS: tuple[tuple[str, int, str], ...] = (
    ("Phó Bí thư Huyện ủy", 2, Category.OFFICIAL),
    ("Chủ tịch UBND huyện", 2, Category.OFFICIAL),
    ("Trưởng phòng Nội vụ", 3, Category.OFFICIAL),
    ("Trưởng phòng Tài chính – Kế hoạch", 3, Category.OFFICIAL),
    ("Trưởng phòng Giáo dục và Đào tạo", 3, Category.OFFICIAL),
    ("Trưởng phòng Văn hóa và Thông tin", 3, Category.OFFICIAL),
    ("Đại biểu HĐND huyện", 3, Category.DEPUTY),
    ("Đại biểu HĐND huyện", 3, Category.DEPUTY),
    ("Chánh Văn phòng HĐND và UBND huyện", 3, Category.OFFICIAL),
    ("Phó Trưởng phòng Tư pháp", 4, Category.PARTY_MEMBER),
)


def _name(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"


def _member(
    unit: Unit, post: str, group: int, category: str, rng: random.Random
) -> EducationMember:
    return services.add_member(
        actor=system_actor(),
        unit=unit,
        full_name=_name(rng),
        birth_year=rng.randint(1965, 1995),
        post=post,
        group=group,
        category=category,
        valid_from=max(SINCE, unit.valid_from),
    )


def _course(
    unit: Unit, group: int, title: str, convened: str, place: str, days: tuple[dt.date, dt.date]
) -> Course:
    return services.create_course(
        actor=system_actor(),
        unit=unit,
        group=group,
        title=title,
        convened_by=convened,
        place=place,
        starts_on=days[0],
        ends_on=days[1],
        hours=40 if group == 3 else 32,
    )


def _run(course: Course, people: list[EducationMember], rng: random.Random) -> int:
    actor = system_actor()
    services.enrol(actor=actor, course=course, members=people)
    results: dict[int, str] = {}
    for enrolment in course.enrolments.all():
        roll = rng.random()
        results[enrolment.pk] = (
            Result.ABSENT if roll < 0.06 else Result.FAILED if roll < 0.1 else Result.PASSED
        )
    services.record_results(actor=actor, course=course, results=results)
    if any(r == Result.PASSED for r in results.values()):
        return len(services.issue_certificates(actor=actor, course=course))
    return 0


def load_demo_education(*, units: dict[str, Unit], seed: int) -> str | None:
    if "KD" not in units:
        return None
    district = units["KD"]
    if Course.objects.filter(unit=district, title=G3_TITLE).exists():
        return None
    rng = random.Random(seed * 46)
    actor = system_actor()
    may = dt.date(2025, 5, 19)
    communes = [units[k] for k in COMMUNES if k in units and units[k].is_valid_on(may)]
    district_people = [_member(district, p, g, c, rng) for p, g, c in DISTRICT_POSTS]
    commune_people: list[EducationMember] = []
    for commune in communes:
        mine = [_member(commune, p, 4, c, rng) for p, c in COMMUNE_POSTS]
        commune_people += mine
        services.save_plan(actor=actor, unit=commune, year=2025, quotas=[0, 0, 0, len(mine) - 2])
    services.save_plan(actor=actor, unit=district, year=2025, quotas=[2, 7, 0, 1])
    made = 0
    g3 = _course(
        district, 3, G3_TITLE, "Hội đồng GDQPAN tỉnh Hưng Yên",
        "Trung tâm huấn luyện Bộ CHQS tỉnh Hưng Yên", (dt.date(2025, 3, 10), dt.date(2025, 3, 14)),
    )  # fmt: skip
    made += _run(g3, [m for m in district_people if m.group == 3], rng)
    g4 = [m for m in commune_people + district_people if m.group == 4]
    rng.shuffle(g4)
    first, second = g4[: len(g4) // 2], g4[len(g4) // 2 : (len(g4) * 3) // 4]
    first_course = _course(
        district, 4, "Bồi dưỡng kiến thức QP-AN đối tượng 4 năm 2025 (đợt 1)",
        "Hội đồng GDQPAN huyện Kim Động", "Ban CHQS huyện Kim Động",
        (dt.date(2025, 5, 19), dt.date(2025, 5, 23)),
    )  # fmt: skip
    made += _run(first_course, first, rng)
    september = _course(
        units.get("PTKV1", district), 4, "Bồi dưỡng kiến thức QP-AN đối tượng 4 năm 2025 (đợt 2)",
        "Hội đồng GDQPAN tỉnh Hưng Yên", "Trung tâm huấn luyện Bộ CHQS tỉnh Hưng Yên",
        (dt.date(2025, 9, 22), dt.date(2025, 9, 26)),
    )  # fmt: skip
    made += _run(september, second, rng)
    return (
        f"Demo defence education: {len(district_people) + len(commune_people)} members, "
        f"3 courses, {made} certificates."
    )


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the education app, order 46)."""
    line = load_demo_education(units=units, seed=seed)
    return [line] if line else []
