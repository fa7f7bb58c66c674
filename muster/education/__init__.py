"""Defence and security education (giáo dục quốc phòng và an ninh) for local target groups 1–4:
members, plans, courses, attendance and certificates (issue 19 part 1; docs/education.md)."""
