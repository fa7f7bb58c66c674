"""Defence works as projects, and the commune's defence and civil-defence plans and drills
(issue 19 part 3; legal-reference §7; the 2025 directive's task 1)."""
