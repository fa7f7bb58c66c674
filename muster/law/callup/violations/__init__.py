"""Violations of the Military Service Law (vi phạm Luật NVQS) as dated rules. Pure: no Django.

Every penalty band, good reason, deadline and condition is a ``law.Rule`` with its citation and
validity interval; the rule in force on the day of the act decides (Decree 120/2013 as amended
by Decree 37/2022 up to 04/08/2025, Decree 218/2025 from 05/08/2025).

Sources: /work/shared/domain/legal-reference.md §2.10 (bands, maximums, good reasons, Penal Code
Art 332, the Art 3(8) definition of evasion) and §12 item 6 (what is unverified); for the
registration bands of the old decree, which the legal reference does not give, the press
summaries of Decree 37/2022 (baohaiquanvietnam.vn, vuanhlaw.com.vn, baohaiduong.vn).

``confirmed`` says whether the legal reference confirms the *band* of that act under that
decree. Clause numbers that follow only from the order of a press table are said in the
rule's ``note``. Rules that come from outside the legal reference (the repeat window, the
payment deadline, the default deciding authority, the lighter-law principle) are
``confirmed=False``: configurable defaults to check against the texts.

Positions taken (each tested on its boundary):

* The band is the one of the decree in force on the day of the act: 04/08/2025 is judged by
  Decree 120/2013 as amended, 05/08/2025 by Decree 218/2025.
* A repeat (tái phạm) is the same act by the same person after a sanction for it, while that
  sanction still counts: until 6 months (warning) or 1 year (fine) after it was executed
  (Law 15/2012 Arts 2(5), 7(1) [U]); a fine not yet paid in full still counts.
* The first-registration warning of Decree 218/2025 is for a first offence of a man aged 17
  in the year; a repeat is fined. Under Decree 37/2022 the man aged 17 in the year is warned
  and anyone else who fails the first registration is fined.
* Criminal referral (Penal Code Art 332) is possible only for the acts the article lists
  (registration; the call-up order) and only after an administrative sanction for the same
  act or a conviction for it not yet expunged. The health-examination call is not listed."""
