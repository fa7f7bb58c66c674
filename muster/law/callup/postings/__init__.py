"""Public postings (niêm yết công khai) of the call-up campaign, as dated rules. Pure: no Django.

Four lists are posted at the commune: the deferral and exemption list (danh sách tạm hoãn, miễn
gọi nhập ngũ), the preliminary screening results (kết quả sơ tuyển), the health examination
results (kết quả khám sức khỏe) and the call-up list (danh sách gọi nhập ngũ). For each kind this
module says, from the rule in force on the day that matters, how long the posting stays up, where
it must be posted, what it cites, by when it is due, and what a public row may hold.

Positions taken (each tested on its boundary, docs/campaign.md "Public postings"):

* **Counting the 20 days.** The day of posting is not counted; the 20 days run from the next
  day and the posting stays up to the end of the 20th (the general rule for periods in days,
  Civil Code 2015 Arts 147(2)–(3) and 148(1); it is also the reading that never shortens a
  citizen's time to complain). Posted on 01/12, the window ends on 21/12 inclusive; a complaint
  received on 21/12 is in time, on 22/12 it is late. ``ends_on = posted_on + 20 days``.
* **Deferral and exemption list, due date.** From 1 Jul 2025 (TT 148 Art 5(4) as amended by
  TT 68/2025): within 20 days of the signature of the decision, counted the same way: signed on
  04/12, posted on 24/12 is on time, on 25/12 late. Before: the old TT 140 rule, posted at least
  20 days before the call-up orders are issued (orders of 20/01: posted on 31/12 is 20 days
  before, on time; on 01/01, 19 days, late). The version is the one in force on the day the
  (earliest) decision of the list was signed, the act that starts the duty.
* **Screening and examination results, due date.** Art 40(6) fixes the 20 days, not the day
  the posting starts. Muster's position: by 15 days after the session window ends, the time the
  health council has to hand the forms to the commune council (TT 105 Art 13(4)(a)); marked
  unconfirmed.
* **Call-up list.** No text found fixes its window or its due date; TT 148 Art 6(3)(đ) as
  amended by TT 68/2025 (per peers.md §3 item 9) lists it among what the commune publishes. The
  position: 20 days by analogy with Art 41(4), due by the last day the decisions may reach the
  citizens (handover − 15 days, Art 34(6)). Both versions are marked unconfirmed.
* **What is public.** Name, birth year, village or residential group, and the outcome: for
  the deferral list the kind, the ground's code and its short legal text; for results fit or
  unfit only; for the call-up list the service and the enlistment day. Never the ID number,
  the full date of birth, the health class, an illness, a phone (Decree 13/2023/NĐ-CP:
  minimisation, peers.md §3 items 9 and 14). ``public_row`` builds exactly these keys."""
