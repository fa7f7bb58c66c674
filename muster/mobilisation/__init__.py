"""Readiness and call-out (huy động lực lượng, phương tiện): rosters of the forces and means a
commune can call, call-out orders with their lines, the live board and the report."""
