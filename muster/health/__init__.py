"""Health standards (tiêu chuẩn sức khỏe): scoring of the NVQS health examination."""
