"""Military rear policy (chính sách hậu phương quân đội): the families of serving soldiers,
their emergency support, deadlines and entitlements (Law 78/2015 Art 50(2); Decree 27/2016
Art 6; TT 95/2016). Pure: no Django. ``rules`` holds the dated, cited rules (joined into the
rule book), ``support`` the checks built on them (issue 19 part 2; docs/rear-policy.md)."""
