"""The mobilisation reserve's pure rules (dự bị động viên): ``enums`` (classes, groups, kinds of
reservist, unit roles and forces, asset kinds), ``rules`` (dated, cited rules joined into the
rule book), ``classes`` (class 1 / 2 from service history, groups A/B, class 2 → 1
conversion) and ``placement`` (reservists into the posts of reserve units by min-cost flow,
``flow``). No Django: the Django module is built on top (issue 18; docs/reserve.md)."""
