"""Demo health screening, examinations and deferral/exemption dossiers of a campaign.

Synthetic and deterministic (one ``random.Random`` per campaign and commune). For each commune
of the campaign, in this order:

1. **Dossiers** (hồ sơ tạm hoãn, miễn): every man of call-up age in whom the eligibility
   engine finds a deferral or exemption ground in the registry (students, 41.1.g, most of all;
   a brother serving, 41.1.d; the child of a sick soldier, 41.1.c or 41.2.c; of a martyr or war
   invalid, 41.2.a–c) gets a granted dossier on that ground, plus a few grounds the registry
   cannot show (sole breadwinner 41.1.b for men with a parent unable to work, standing militia
   41.1.h). Proposed after the pool review, reviewed by the commune council, decided by the
   authority of the decision date (``dossiers_rules.authority_on``: the district chairman
   before 01/07/2025, the provincial chairman from then).
2. **Screening** (sơ tuyển) at the commune health station: the callable men (no definite bar)
   who are not working abroad, about 8.5 per expected recruit, with the day the call reached
   each of them (a few under 15 days: flagged) and the physique measured and scored by
   ``health.scoring``; a few no-shows; a few registration-exempt illnesses (TT 105 App. I
   Part III) found.
3. **Examination** (khám tuyển) by the health council: those who passed screening, about 4 per
   expected recruit ("4 lấy 1", legal-reference.md §2.6), station by station in the order of
   TT 105 Art 8(6), stopping at the first failed standard. Shares follow the Phú Thọ 2026
   figures (legal-reference.md §8): about 41 % fit, classes 1/2/3 about 11/49/40 % of the
   fit, a few temporary (T) classes. Each commune gets at least its expected quota plus a
   standby list of callable men: when the men left are just enough, they are drawn fit.
   Sessions after the demo's "today" have their calls (delivered) but no results yet.
4. **41.1.a** dossiers (not fit per the council) for the men found unfit, once examined.

**Written in bulk, exactly as the services would.** Calling ``health.services`` per citizen
and station (and ``dossiers_services`` three times per dossier) takes minutes at full scale,
so the rows are written with ``bulk_create`` carrying the same fields the services write: the
15-day flag from ``health.rules.notice_is_late``, each station's score from ``health.scoring``
(physique from height, weight and chest; eyes from acuity and refraction), the class, T flag
and decisive indicators from ``scoring.classify``, the conclusion on the session day, BMI and
refraction on the call; dossiers with the ground's citation and the deciding authority from
the rules in force on their dates, after the same checks ``dossier_propose`` makes. Audit: one
event per session created, one per session for its calls and one for its results, and one per
dossier step (propose, review, decide) and commune batch."""
