"""Properties of the engine over generated citizens, days and policies (hypothesis)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from muster.law.callup.eligibility.engine import Evaluator, evaluate, evaluate_many
from muster.law.callup.eligibility.facts import Facts
from muster.law.callup.policy import Policy
from muster.law.callup.serialize import verdict_json
from muster.law.sources import COVERAGE_START

D = dt.date

days = st.dates(min_value=COVERAGE_START, max_value=D(2027, 12, 31))
recent = st.dates(min_value=D(2012, 1, 1), max_value=D(2027, 12, 31))
maybe_recent = st.none() | recent
policies = st.builds(
    Policy,
    myopia_at_threshold_excluded=st.booleans(),
    bmi_tt105_cross_check=st.booleans(),
    bmi_rounding=st.sampled_from(["none", "half_up_tenth"]),
)
dioptres = st.sampled_from([0.0, 0.0, 0.0, 0.5, 1.25, 1.5, 1.75, 3.0])


@st.composite
def facts(draw: st.DrawFn) -> Facts:
    posted_since = draw(maybe_recent)
    posting_ended = None
    if posted_since is not None and draw(st.booleans()):
        posting_ended = posted_since + dt.timedelta(days=draw(st.integers(0, 1500)))
    bar = draw(st.none() | st.sampled_from(["a", "b", "c"]))
    return Facts(
        sex=draw(st.sampled_from(["male", "male", "female"])),
        birth_date=draw(st.dates(min_value=D(1988, 1, 1), max_value=D(2012, 12, 31))),
        volunteer=draw(st.booleans()),
        registration_bar=bar,
        registration_bar_ends=draw(maybe_recent) if bar else None,
        registration_exempt_condition=draw(st.booleans()),
        hiv_positive=draw(st.booleans()),
        drug_addiction=draw(st.booleans()),
        health_class=draw(st.none() | st.integers(1, 6)),
        health_class_temporary=draw(st.booleans()),
        myopia_dioptres=draw(dioptres),
        hyperopia_dioptres=draw(dioptres),
        bmi=draw(st.none() | st.floats(15.0, 35.0, allow_nan=False)),
        school_grade=draw(st.none() | st.integers(0, 12)),
        grade7_approved=draw(st.booleans()),
        primary_allowance_approved=draw(st.booleans()),
        college_graduate=draw(st.booleans()),
        deferred_while_studying=draw(st.booleans()),
        political=draw(st.sampled_from(["pass", "pass", "fail", "unknown"])),
        health_council_unfit=draw(st.booleans()),
        sole_breadwinner=draw(st.booleans()),
        family_disaster=draw(st.booleans()),
        parent_work_capacity_loss=draw(st.none() | st.integers(0, 100)),
        sibling_serving=draw(st.booleans()),
        resettled_on=draw(maybe_recent),
        posted_since=posted_since,
        posting_ended=posting_ended,
        in_general_education=draw(st.booleans()),
        full_time_higher_education=draw(st.booleans()),
        higher_education_deferral_used=draw(st.booleans()),
        standing_militia=draw(st.booleans()),
        child_of_martyr_or_class1_invalid=draw(st.booleans()),
        brother_of_martyr=draw(st.booleans()),
        child_of_class2_invalid=draw(st.booleans()),
        cipher_worker=draw(st.booleans()),
    )


@st.composite
def mostly_fit(draw: st.DrawFn) -> Facts:
    """Citizens who pass the standards more often, so the callable side is exercised too."""
    return Facts(
        sex="male",
        birth_date=draw(st.dates(min_value=D(1996, 1, 1), max_value=D(2008, 12, 31))),
        volunteer=draw(st.booleans()),
        health_class=draw(st.integers(1, 3)),
        bmi=draw(st.floats(18.5, 29.9)),
        school_grade=draw(st.integers(8, 12)),
        political="pass",
        sibling_serving=draw(st.booleans()),
        in_general_education=draw(st.booleans()),
        parent_work_capacity_loss=draw(st.none() | st.integers(50, 90)),
    )


any_facts = facts() | mostly_fit()
#: No example database: nothing is written into the checkout.
no_db = settings(database=None)

#: Ways of adding one ground to a citizen who does not have that circumstance yet.
BOOLEAN_GROUNDS = (
    "health_council_unfit",
    "sole_breadwinner",
    "family_disaster",
    "sibling_serving",
    "in_general_education",
    "full_time_higher_education",
    "standing_militia",
    "child_of_martyr_or_class1_invalid",
    "brother_of_martyr",
    "child_of_class2_invalid",
    "cipher_worker",
)


@no_db
@given(any_facts, days, policies)
def test_a_volunteer_is_never_less_callable(person, day, policy):
    staying = evaluate(dataclasses.replace(person, volunteer=False), day, policy)
    volunteering = evaluate(dataclasses.replace(person, volunteer=True), day, policy)
    assert volunteering.callable or not staying.callable
    assert {r.code for r in volunteering.reasons} <= {r.code for r in staying.reasons}


@no_db
@given(any_facts, days, policies, st.sampled_from(BOOLEAN_GROUNDS))
def test_adding_a_boolean_ground_never_makes_a_person_callable(person, day, policy, ground):
    if getattr(person, ground):
        return
    before = evaluate(person, day, policy)
    after = evaluate(dataclasses.replace(person, **{ground: True}), day, policy)
    assert before.callable or not after.callable


@no_db
@given(any_facts, days, policies, st.integers(0, 100), recent, recent)
def test_adding_a_dated_or_graded_ground_never_makes_a_person_callable(
    person, day, policy, loss, resettled, posted
):
    before = evaluate(person, day, policy).callable
    if person.parent_work_capacity_loss is None:
        changed = dataclasses.replace(person, parent_work_capacity_loss=loss)
        assert before or not evaluate(changed, day, policy).callable
    if person.resettled_on is None:
        changed = dataclasses.replace(person, resettled_on=resettled)
        assert before or not evaluate(changed, day, policy).callable
    if person.posted_since is None:
        changed = dataclasses.replace(person, posted_since=posted)
        assert before or not evaluate(changed, day, policy).callable


@no_db
@given(any_facts, days, policies)
def test_verdict_is_deterministic(person, day, policy):
    cached = evaluate(person, day, policy)
    assert evaluate(person, day, policy) is cached
    fresh = Evaluator(day, policy).evaluate(person)
    assert fresh == cached
    assert verdict_json("x", fresh) == verdict_json("x", cached)


@no_db
@given(any_facts, days, policies)
def test_callable_exactly_when_nothing_stands_in_the_way(person, day, policy):
    verdict = evaluate(person, day, policy)
    assert verdict.callable == (verdict.reasons == ())
    if verdict.callable:
        assert verdict.registration == "registered"
        assert all(s.status == "pass" for s in verdict.standards)
        assert verdict.authority is None
    if not verdict.volunteer:
        assert verdict.waived == ()
    if verdict.registration != "registered":
        assert not verdict.callable
    assert all(r.citations for r in verdict.reasons)


@given(st.lists(any_facts, max_size=20), days)
@settings(max_examples=50, database=None)
def test_batch_equals_one_by_one(people, day):
    assert evaluate_many(people, day) == [evaluate(p, day) for p in people]
