"""State changes of violation cases (vụ vi phạm Luật NVQS).

open → notice_served → good_reason | penalised → paid; escalated (criminal referral); closed.
Each service checks the role (403) and the area, refuses a step the state machine does not
allow with a message naming the state it needs, validates, writes in one transaction with the
case row locked, and records the audit event in it. The penalty band is frozen on the case
when it is opened, from the rule in force on the day of the act (``violation_rules``).

The demo loader and the commands act as the system actor (``accounts.services.system_actor``)."""
