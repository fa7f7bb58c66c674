"""The militia and self-defence force (dân quân tự vệ): registration at 18, selection, units
and terms, cadres, training, allowances, readiness and strength (Law 48/2019 as amended by Law
98/2025; Decree 72/2020 as amended by Decrees 16/2025 and 220/2025). One sub-package per
sub-domain; the pure rules live in ``muster.law.militia``."""
