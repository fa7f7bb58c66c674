"""Seed Vietnamese public holidays 2024–2027 (Labour Code 2019 Art 112) for working-day counts.

2024 and 2025 follow the announced days off. 2026 and 2027 Tết, Hùng Kings day and the day
adjacent to National Day are computed from the lunar calendar or guessed from practice and are
marked "dự kiến, chưa xác minh" (approximate, unverified) until the Government's notice is checked.
"""

import datetime as dt

from django.db import migrations

APPROX = " (dự kiến, chưa xác minh)"


def _span(first, last, name):
    day = first
    while day <= last:
        yield day, name
        day += dt.timedelta(days=1)


def _days():
    D = dt.date
    rows = [
        # 2024
        (D(2024, 1, 1), "Tết Dương lịch"),
        *_span(D(2024, 2, 8), D(2024, 2, 14), "Tết Nguyên đán Giáp Thìn"),
        (D(2024, 4, 18), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
        (D(2024, 4, 29), "Nghỉ hoán đổi dịp 30/4 (làm bù thứ Bảy 4/5)"),
        (D(2024, 4, 30), "Ngày Chiến thắng 30/4"),
        (D(2024, 5, 1), "Ngày Quốc tế Lao động"),
        (D(2024, 9, 2), "Quốc khánh"),
        (D(2024, 9, 3), "Quốc khánh (ngày liền kề)"),
        # 2025
        (D(2025, 1, 1), "Tết Dương lịch"),
        *_span(D(2025, 1, 25), D(2025, 2, 2), "Tết Nguyên đán Ất Tỵ"),
        (D(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
        (D(2025, 4, 30), "Ngày Chiến thắng 30/4"),
        (D(2025, 5, 1), "Ngày Quốc tế Lao động"),
        (D(2025, 5, 2), "Nghỉ hoán đổi dịp 30/4 (làm bù thứ Bảy 17/5)"),
        (D(2025, 9, 1), "Quốc khánh (ngày liền kề)"),
        (D(2025, 9, 2), "Quốc khánh"),
        # 2026
        (D(2026, 1, 1), "Tết Dương lịch"),
        *_span(D(2026, 2, 14), D(2026, 2, 22), "Tết Nguyên đán Bính Ngọ" + APPROX),
        (D(2026, 4, 26), "Giỗ Tổ Hùng Vương (10/3 âm lịch)" + APPROX),
        (D(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương" + APPROX),
        (D(2026, 4, 30), "Ngày Chiến thắng 30/4"),
        (D(2026, 5, 1), "Ngày Quốc tế Lao động"),
        (D(2026, 9, 1), "Quốc khánh (ngày liền kề)" + APPROX),
        (D(2026, 9, 2), "Quốc khánh"),
        # 2027
        (D(2027, 1, 1), "Tết Dương lịch"),
        *_span(D(2027, 2, 4), D(2027, 2, 10), "Tết Nguyên đán Đinh Mùi" + APPROX),
        (D(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)" + APPROX),
        (D(2027, 4, 30), "Ngày Chiến thắng 30/4"),
        (D(2027, 5, 1), "Ngày Quốc tế Lao động"),
        (D(2027, 5, 3), "Nghỉ bù ngày 1/5" + APPROX),
        (D(2027, 9, 2), "Quốc khánh"),
        (D(2027, 9, 3), "Quốc khánh (ngày liền kề)" + APPROX),
    ]
    return rows


def seed(apps, schema_editor):
    Holiday = apps.get_model("conscription", "Holiday")
    for day, name in _days():
        Holiday.objects.update_or_create(date=day, defaults={"name": name})


def unseed(apps, schema_editor):
    Holiday = apps.get_model("conscription", "Holiday")
    Holiday.objects.filter(date__in=[day for day, _name in _days()]).delete()


class Migration(migrations.Migration):
    dependencies = [("conscription", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
