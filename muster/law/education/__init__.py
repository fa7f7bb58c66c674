"""Defence and security education (giáo dục quốc phòng và an ninh, GDQPAN) for local target
groups: the groups 1–4 of Decree 13/2014 Art 2 (as amended by Decree 139/2020), who convenes
and where they are trained, and who issues the certificate, by date (legal-reference §5). Pure:
no Django (issue 19 part 1; docs/education.md)."""
