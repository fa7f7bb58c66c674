"""State changes of selection (tuyển chọn): volunteer applications, the selection list of a
commune and service with its committed draw, decisions for the official list, and the review
steps (village nomination, bình cử; the commune council's review, xét duyệt).

The list moves draft → committed → frozen and never back (docs/campaign.md §4):

* **commit**: a fresh seed is drawn (``selection.new_seed``) and kept secret; its sha256, the
  commitment, is published with the time. A committed list cannot be committed again, so no
  one can draw seeds until one suits.
* **freeze**: the callable pool is read from the registry (``selection_selectors.build_pool``)
  and fixed as JSON exactly as ranked, ranked by ``selection.rank`` with the committed seed,
  the entries stored and the seed revealed. A frozen list never changes.

Every change locks the list row (``SELECT … FOR UPDATE``), checks the role (403) and the area,
validates, writes in one transaction and records the audit event in it.

Who records what: the commune military command and the district or regional officers
(``Cap.MANAGE_CAMPAIGN``) keep volunteers and lists, issue decisions and record the village
nominations (the commune command organises the village meetings); the members of the military
service council (``Cap.COUNCIL_REVIEW``) record the council's own review rounds, so the body that
votes on the list is not the one that runs it."""
