"""Defence works and the commune's defence and civil-defence plans and drills (legal-reference
§7) as pure, dated rules. No Django."""
