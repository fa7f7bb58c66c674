"""The Law on Militia and Self-Defence Forces (Luật Dân quân tự vệ 48/2019/QH14, as amended by
Law 98/2025/QH15) and Decree 72/2020 (as amended by Decrees 16/2025 and 220/2025) as pure,
dated rules. No Django."""
