"""The eligibility engine: is this citizen callable for military service on a given day?

Pure: no Django. Every threshold comes from the rule registry (``law.py``) as it stood on the
day of evaluation, so a 2025 case is judged by 2025 law and a 2026 case by 2026 law.

The verdict is *layered* (peers.md, "Layered verdict semantics"):

1. registration status: barred (không được đăng ký, Art 13), exempt from registration (miễn
   đăng ký, Art 14) or registered;
2. call-up standards: sex (women only as volunteers, Art 6(2)), age (Art 30), health class,
   refraction, BMI, drugs, HIV, education, political standard (TT 148/2018 Art 4 and the
   health circulars); each passes, fails or is unknown;
3. deferral grounds (tạm hoãn, Art 41(1)) and exemption grounds (miễn, Art 41(2)) found;
4. volunteering (tình nguyện, Art 41(3)): waives 41.1.b–h and all of 41.2, but never 41.1.a,
   never a failed standard and never the registration layer.

``callable`` is true only when the citizen is registered, every standard passes, and no ground
remains after volunteering. "Unknown" (not yet examined, no political verification) is not
callable either: the reason list says what is missing.

Conventions
-----------
* Age: the 18th birthday is reached *on* the birthday; "to the end of age 25" ends the day
  before the 26th birthday (the 28th for college or university graduates deferred while
  studying). A birthday on 29 February falls on 1 March in common years (the convention of
  ``muster.law.ages.age_on``).
* Resettlement (41.1.đ): the first 3 years end the day before the 3rd anniversary of settling.
* Posting (41.1.e / 41.2.đ): 24 months are reached on the same day of the month 24 months after
  the posting started (month-end days clamp: 31 Mar + 24 months → 31 Mar; 31 Aug → 28/29 Feb).

Speed: ``Evaluator`` is compiled once per (day, policy) with every look-up and threshold
resolved; a case is reduced to an integer of outcome bits, and verdicts are immutable objects
cached per bit pattern, so evaluating a case allocates nothing but that integer."""
