"""Proposals of reserve technical assets for the needs of reserve units: **same kind, then
similar features** (Law 53/2019 Art 18: assets must have the features the unit needs, or
similar ones; rule ``reserve.assets.features``). Pure: no Django.

The engine proposes, the officer confirms (who decides is ``reserve.placement.authority``).

* An asset is only proposed for a need of **its own kind** (a truck for a road-vehicle need,
  never a boat).
* Among the assets of that kind, those whose features share more words with the need's
  required features come first (the share of the need's words found in the asset's, diacritics
  and case ignored, so "xe tải 5 tấn" matches "Xe tai 5 tan thùng bạt"). Assets of the unit's
  own area come before others at the same similarity; equal assets go in the order of their key,
  so the same input always gives the same proposals.
* Needs are served in the order given; an asset is proposed once, for the first need it fits.
* Each proposal says why, in Vietnamese and English, with the citation.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from muster.core.text import fold
from muster.law.reserve.enums import ASSET_LABELS, AssetKind
from muster.law.text import Text

CITATION = Text(
    "Điều 18 Luật Lực lượng dự bị động viên 53/2019/QH14",
    "Law 53/2019/QH14 (Mobilisation Reserve Forces), Art 18",
)
_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)?|[a-z]+")
#: Words that say nothing of a feature.
_STOP = frozenset({"va", "co", "cua", "loai", "the", "and", "with", "of", "x"})


def feature_words(text: str) -> frozenset[str]:
    """The words of a feature text, folded: "Xe tải 5 tấn" → {"xe", "tai", "5", "tan"}."""
    return frozenset(w.replace(",", ".") for w in _WORD.findall(fold(text)) if w not in _STOP)


@dataclass(frozen=True)
class NeedIn:
    key: Hashable
    kind: AssetKind
    features: str
    open_slots: int
    area_key: Hashable = None


@dataclass(frozen=True)
class AssetIn:
    key: Hashable
    kind: AssetKind
    features: str
    sort_key: str = ""
    area_key: Hashable = None


@dataclass(frozen=True)
class Proposal:
    need: Hashable
    asset: Hashable
    similarity: Fraction  # share of the need's feature words found in the asset's
    matched: tuple[str, ...]
    same_area: bool
    reason: Text

    @property
    def exact(self) -> bool:
        return self.similarity == 1


def _reason(
    kind: AssetKind, need_words: frozenset[str], matched: tuple[str, ...], same_area: bool
) -> Text:
    label = ASSET_LABELS[kind]
    if not need_words:
        vi = f"Cùng loại ({label.vi}); đơn vị không ghi tính năng cần"
        en = f"Same kind ({label.en}); the unit names no required feature"
    elif len(matched) == len(need_words):
        vi = f"Cùng loại ({label.vi}); đúng tính năng: {', '.join(matched)}"
        en = f"Same kind ({label.en}); same features: {', '.join(matched)}"
    elif matched:
        share = f"{len(matched)}/{len(need_words)}"
        vi = f"Cùng loại ({label.vi}); tính năng tương tự ({share}): {', '.join(matched)}"
        en = f"Same kind ({label.en}); similar features ({share}): {', '.join(matched)}"
    else:
        vi = f"Cùng loại ({label.vi}); tính năng khác, cần kiểm tra"
        en = f"Same kind ({label.en}); different features, to be checked"
    if same_area:
        vi += "; cùng địa bàn"
        en += "; same area"
    return Text(f"{vi} ({CITATION.vi}).", f"{en} ({CITATION.en}).")


def propose(needs: Sequence[NeedIn], assets: Iterable[AssetIn]) -> list[Proposal]:
    """Proposals for ``needs`` (in their order) from the free ``assets``: same kind only,
    most similar features first, then the need's area, then the asset's ``sort_key``."""
    free = sorted(assets, key=lambda a: (a.sort_key, str(a.key)))
    taken: set[Hashable] = set()
    found: list[Proposal] = []
    for need in needs:
        if need.open_slots <= 0:
            continue
        want = feature_words(need.features)
        ranked: list[tuple[Fraction, bool, int, AssetIn, tuple[str, ...]]] = []
        for order, asset in enumerate(free):
            if asset.kind != need.kind or asset.key in taken:
                continue
            words = feature_words(asset.features)
            matched = tuple(sorted(want & words))
            share = Fraction(len(matched), len(want)) if want else Fraction(1)
            same_area = need.area_key is not None and asset.area_key == need.area_key
            ranked.append((share, same_area, order, asset, matched))
        ranked.sort(key=lambda r: (-r[0], not r[1], r[2]))
        for share, same_area, _order, asset, matched in ranked[: need.open_slots]:
            taken.add(asset.key)
            found.append(
                Proposal(
                    need=need.key,
                    asset=asset.key,
                    similarity=share,
                    matched=matched,
                    same_area=same_area,
                    reason=_reason(need.kind, want, matched, same_area),
                )
            )
    return found
