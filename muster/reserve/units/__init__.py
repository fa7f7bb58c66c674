"""Reserve units (đơn vị dự bị động viên, Khung B) and their establishment."""
