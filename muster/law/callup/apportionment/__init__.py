"""Quota apportionment (phân bổ chỉ tiêu): split a quota received from above among communes.

Pure: no Django. The law (Law 78/2015 Art 34 as amended; legal-reference.md §2.6 "Quota chain",
§2.8) has the province (formerly the district) assign the army and police (CAND) numbers to
communes; the directive asks that quotas be even and stable across communes, and the old
guidance (TT 140 Art 6(1)) that every commune sends at least one recruit. docs/campaign.md
explains the method for a commune officer to check by hand; this docstring is the contract.

Method ``muster-apportion/2``, for each service (army, police) separately:

1. **Exact share** ``q_j = quota × pool_j ÷ Σ pool`` (a fraction, never rounded).
2. **Bounds** ``[lo_j, hi_j]`` per commune, in order of precedence:
   a. the callable pool caps the quota: ``0 ≤ a_j ≤ pool_j`` (never relaxed: a quota above the
      total pool is refused);
   b. the floor: ``a_j ≥ 1`` when ``pool_j ≥ 1`` (parameter ``floor``);
   c. the stability band around the mean ``m_j`` of the commune's quotas in the last
      ``history_years`` years: ``floor(m_j − d_j) ≤ a_j ≤ ceil(m_j + d_j)`` where
      ``d_j = max(stability_fraction × m_j, stability_absolute)`` (either may be omitted; both
      omitted means no band). A commune with no history has no band. A band is clipped to the
      pool and floor (a and b take precedence).
   The levels ``0 ≤ floor_j ≤ lo_j ≤ hi_j ≤ pool_j`` are met in order, by all communes
   together: the quota falls between two consecutive levels (a tier: ``[0, floor]`` below
   ``Σ floor``, ``[floor, lo]`` below ``Σ lo``, ``[lo, hi]`` up to ``Σ hi``, else
   ``[hi, pool]``), whose bounds step 3 uses; a tier other than ``[lo, hi]`` is recorded in the
   certificate's ``relaxations``. A floor or band that cannot be met everywhere is so met in
   proportion to the pools, never dropped or widened at one quota (method 1 did, and one
   recruit more could take a commune from 5 to 1).
3. **Bounded share** ``e_j = clamp(λ × pool_j, lo_j, hi_j)`` with the single factor ``λ`` such
   that ``Σ e_j = quota``. ``λ`` is found by iteration: start with ``λ = quota ÷ Σ pool``; if
   the shares above their ``hi`` exceed (in total) the shortfall of those below their ``lo``,
   fix the former at ``hi``, otherwise fix the latter at ``lo``; recompute ``λ`` over the
   communes not yet fixed with what is left of the quota; stop when no share is outside its
   bounds. When no bound binds, ``e_j = q_j``.
4. **Largest remainder (Hamilton) rounding** of ``e_j``: each commune gets ``floor(e_j)``; the
   ``quota − Σ floor(e_j)`` recruits left go one each to the communes with the largest
   remainders ``e_j − floor(e_j)``; ties: larger remainder, then larger pool, then commune
   code (alphabetical). Every result lies within its bounds and within one of ``e_j``.
5. **Overrides** (each with a value, a reason and the deciding authority) replace the computed
   figure of their commune; steps 1–4 are then run again over the other communes with the
   quota minus the overridden values. The computed figure stays in the certificate beside it.

Properties (tests/conscription/test_apportionment.py): the sum equals the quota; without a
binding floor, band or override every commune is within one of its exact share; a commune's
quota never falls when only its own pool grows (Hamilton's population paradox needs two
communes' pools to change); every bounded share is continuous and non-decreasing in the quota,
so a larger quota lowers no commune's result by more than one (the rounding's Alabama paradox).
The arguments are in docs/campaign.md §1."""
