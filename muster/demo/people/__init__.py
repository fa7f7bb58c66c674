"""Synthetic demo registry (dữ liệu mẫu) for the Kim Động demo district.

Everything here is invented and every row is flagged ``is_synthetic`` (people) or
``population_synthetic`` (villages). Village names are plausible, not the real list, except
Thôn Đức Trung of Đức Hợp, which the 2025 directive cites. Which villages of Ngọc Thanh went to
Hiệp Cường and which to Sơn Nam ward on 1 July 2025 is not known (legal-reference.md §9); the
demo sends the first half to Hiệp Cường and the rest to Sơn Nam.

The generator is split in two:

* a pure part (:func:`build_demo_plan`, :func:`plan_villages`, :func:`build_people`) that turns
  plain commune facts and a seed into plans, with no database access, deterministic from the
  seed (``random.Random`` only, UUIDs drawn from the same generator);
* a writer (:func:`generate_demo_registry`) that creates the villages through the geo services
  (one audit event each) and bulk-inserts the people and their family ties in one transaction,
  with a single audit event for the whole registry load."""
