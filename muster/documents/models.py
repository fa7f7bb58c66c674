"""Documents (văn bản, biểu mẫu): rendering lives in ``tables``, ``excel``, ``pdf``, ``word``."""
