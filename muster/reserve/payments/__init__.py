"""Placement history, Khung B cadre appointments and the placement allowance payment lists."""
