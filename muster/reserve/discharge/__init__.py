"""Discharge reception (tiếp nhận quân nhân xuất ngũ, Law 78/2015 Arts 44–45)."""
