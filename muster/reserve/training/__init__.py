"""Training and readiness-check call-ups, the reserve meetings and their allowances."""
