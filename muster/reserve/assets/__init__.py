"""Reserve technical assets (phương tiện kỹ thuật dự bị, PTKTDB)."""
