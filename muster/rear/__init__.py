"""Military rear policy (chính sách hậu phương quân đội): the families of soldiers serving
after the call-up, their emergency support cases, entitlements and visits (issue 19 part 2;
docs/rear-policy.md). Pure rules: ``muster.law.rear``."""
