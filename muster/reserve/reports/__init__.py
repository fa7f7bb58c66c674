"""Reports of the reserve: strength by commune and for the reader's area (issue 18)."""
