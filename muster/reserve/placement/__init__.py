"""Placement of reservists into the reserve units (sắp xếp quân nhân dự bị vào đơn vị)."""
