"""The militia's reports (báo cáo lực lượng dân quân tự vệ): strength per commune rolled up to
the regional command and the province, its Excel and PDF files, and the figures a directive's
targets read (``militia.sources``)."""
