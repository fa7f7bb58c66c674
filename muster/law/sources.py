"""The legal texts cited by the rules: short names and the days they took effect."""

from __future__ import annotations

import datetime as dt

#: The engine judges no case before this day: TT 148/2018 (the selection circular whose
#: standards the engine applies) took effect on 20 Nov 2018, replacing TT 140/2015.
COVERAGE_START = dt.date(2018, 11, 20)

# Documents (short names used in citations).
LAW_78 = "Law 78/2015/QH13 (Military Service)"
LAW_48 = "Law 48/2019/QH14 (Militia and Self-Defence)"
LAW_98 = "Law 98/2025/QH15 (amending 11 defence laws)"
TT_148 = "TT 148/2018/TT-BQP (selection and call-up)"
TT_140 = "TT 140/2015/TT-BQP (selection and call-up, replaced by TT 148/2018)"
TT_68 = "TT 68/2025/TT-BQP (amending TT 148/2018)"
TTLT_16 = "TTLT 16/2016/TTLT-BYT-BQP (health standards)"
TT_105 = "TT 105/2023/TT-BQP (health standards)"
TT_106 = "TT 106/2025/TT-BQP (amending TT 105/2023)"
TTLT_50 = "TTLT 50/2016/TTLT-BQP-BCA (political standards)"
TT_97 = "TT 97/2025/TT-BQP (amending TTLT 50/2016)"
# CAND (police) health standards (legal-reference §2.8; marked unverified there).
TT_45_BCA = "TT 45/2019/TT-BCA (CAND health standards)"
TT_62_BCA = "TT 62/2023/TT-BCA (CAND health standards)"
TT_131_BCA = "TT 131/2025/TT-BCA (amending TT 62/2023)"
# Administrative penalties and criminal liability (violation_rules.py).
DECREE_120 = "Decree 120/2013/NĐ-CP (administrative penalties, defence)"
DECREE_37 = "Decree 37/2022/NĐ-CP (amending Decree 120/2013)"
VBHN_04 = "VBHN 04/VBHN-BQP/2022 (Decree 120/2013 as amended by Decree 37/2022)"
DECREE_218 = "Decree 218/2025/NĐ-CP (administrative penalties, defence)"
PENAL_CODE = "Penal Code 100/2015/QH13 (amended by Law 12/2017/QH14)"
LAW_15_2012 = "Law 15/2012/QH13 (Handling of Administrative Violations)"
LAW_80_2015 = "Law 80/2015/QH13 (Promulgation of Legal Documents)"
# Militia and self-defence (law/militia; legal-reference §3).
DECREE_72 = "Decree 72/2020/NĐ-CP (militia and self-defence)"
DECREE_16 = "Decree 16/2025/NĐ-CP (amending Decree 72/2020)"
DECREE_220 = "Decree 220/2025/NĐ-CP (amending nine defence decrees)"
TT_69 = "TT 69/2020/TT-BQP (militia training)"
# Mobilisation reserve (law/reserve; legal-reference §4, §2.2–2.3).
LAW_53 = "Law 53/2019/QH14 (Mobilisation Reserve Forces)"
DECREE_14 = "Decree 14/2016/NĐ-CP (women, wartime exemptions, class-2 reservists)"
DECREE_79 = "Decree 79/2020/NĐ-CP (benefits of the mobilisation reserve)"
TT_84 = "TT 84/2020/TT-BQP (reserve meetings, forms Mẫu 01–08)"
# Civil defence (law/mobilisation; legal-reference §7).
LAW_18_2023 = "Law 18/2023/QH15 (Civil Defence)"
# Benefits on discharge (law/reserve/allowances; legal-reference §6 and §3's base salary).
DECREE_27 = "Decree 27/2016/NĐ-CP (benefits of serving and discharged soldiers)"
DECREE_24_2023 = "Decree 24/2023/NĐ-CP (base salary)"
DECREE_73_2024 = "Decree 73/2024/NĐ-CP (base salary)"
# The 2025 reform of the local military organisation (law/callup/province; legal-reference §1).
QD_2786 = "Decision 2786/QĐ-BQP (district military commands dissolved, regional commands set up)"

#: Vietnamese names of the documents above, for citations shown in the Vietnamese interface
#: (``Citation.label_vi``); a document missing here is named by ``rulebook.document_vi``.
DOCUMENTS_VI: dict[str, str] = {
    LAW_78: "Luật Nghĩa vụ quân sự 78/2015/QH13",
    LAW_48: "Luật Dân quân tự vệ 48/2019/QH14",
    LAW_98: "Luật 98/2025/QH15 sửa đổi, bổ sung 11 luật về quân sự, quốc phòng",
    TT_148: "Thông tư 148/2018/TT-BQP",
    TT_68: "Thông tư 68/2025/TT-BQP",
    TTLT_16: "Thông tư liên tịch 16/2016/TTLT-BYT-BQP",
    TT_105: "Thông tư 105/2023/TT-BQP",
    TT_106: "Thông tư 106/2025/TT-BQP",
    TTLT_50: "Thông tư liên tịch 50/2016/TTLT-BQP-BCA",
    TT_97: "Thông tư 97/2025/TT-BQP",
    TT_45_BCA: "Thông tư 45/2019/TT-BCA",
    TT_62_BCA: "Thông tư 62/2023/TT-BCA",
    TT_131_BCA: "Thông tư 131/2025/TT-BCA",
    DECREE_120: "Nghị định 120/2013/NĐ-CP",
    DECREE_37: "Nghị định 37/2022/NĐ-CP",
    VBHN_04: "Văn bản hợp nhất 04/VBHN-BQP năm 2022",
    DECREE_218: "Nghị định 218/2025/NĐ-CP",
    PENAL_CODE: "Bộ luật Hình sự 100/2015/QH13 (sửa đổi bởi Luật 12/2017/QH14)",
    LAW_15_2012: "Luật Xử lý vi phạm hành chính 15/2012/QH13",
    LAW_80_2015: "Luật Ban hành văn bản quy phạm pháp luật 80/2015/QH13",
    DECREE_72: "Nghị định 72/2020/NĐ-CP",
    DECREE_16: "Nghị định 16/2025/NĐ-CP",
    DECREE_220: "Nghị định 220/2025/NĐ-CP",
    TT_69: "Thông tư 69/2020/TT-BQP",
    LAW_53: "Luật Lực lượng dự bị động viên 53/2019/QH14",
    DECREE_14: "Nghị định 14/2016/NĐ-CP",
    DECREE_79: "Nghị định 79/2020/NĐ-CP",
    TT_84: "Thông tư 84/2020/TT-BQP",
    LAW_18_2023: "Luật Phòng thủ dân sự 18/2023/QH15",
    DECREE_27: "Nghị định 27/2016/NĐ-CP",
    DECREE_24_2023: "Nghị định 24/2023/NĐ-CP",
    DECREE_73_2024: "Nghị định 73/2024/NĐ-CP",
    QD_2786: "Quyết định 2786/QĐ-BQP",
}

LAW_78_FROM = dt.date(2016, 1, 1)
LAW_48_FROM = dt.date(2020, 7, 1)
LAW_98_FROM = dt.date(2025, 7, 1)
TT_148_FROM = dt.date(2018, 11, 20)
TT_68_FROM = dt.date(2025, 7, 1)
TTLT_16_FROM = dt.date(2016, 8, 15)
TT_105_FROM = dt.date(2024, 1, 1)
TT_106_FROM = dt.date(2025, 9, 30)
TTLT_50_FROM = dt.date(2016, 6, 1)
TT_97_FROM = dt.date(2025, 8, 29)
TT_45_BCA_FROM = dt.date(2019, 11, 18)
TT_62_BCA_FROM = dt.date(2024, 1, 1)
TT_131_BCA_FROM = dt.date(2025, 12, 25)
#: Decree 37/2022 in force 22 Jul 2022 (HCMC District 7 legal-dissemination page; not in the
#: legal reference): the first day the penalty bands of violation_rules.py cover.
DECREE_37_FROM = dt.date(2022, 7, 22)
DECREE_218_FROM = dt.date(2025, 8, 5)
PENAL_CODE_FROM = dt.date(2018, 1, 1)
LAW_15_2012_FROM = dt.date(2013, 7, 1)
LAW_80_2015_FROM = dt.date(2016, 7, 1)
#: Decree 72/2020 and TT 69/2020 took effect with the Militia Law on 1 Jul 2020 (their own
#: final articles; the legal reference gives no date for them).
DECREE_72_FROM = LAW_48_FROM
TT_69_FROM = LAW_48_FROM
#: Decree 16/2025 (new allowance amounts) in force 23 Mar 2025 (legal-reference §3).
DECREE_16_FROM = dt.date(2025, 3, 23)
#: Decree 220/2025 in force the day it was signed, 7 Aug 2025 (legal-reference §1.1).
DECREE_220_FROM = dt.date(2025, 8, 7)
#: Law 53/2019 took effect on 1 Jul 2020 (its own final article; the legal reference gives no
#: date for it).
LAW_53_FROM = dt.date(2020, 7, 1)
#: Decree 14/2016 (signed 15 Mar 2016): the legal reference gives no effective date; 1 May 2016
#: is a configurable default, and the rules that start on it carry ``confirmed=False``.
DECREE_14_FROM = dt.date(2016, 5, 1)
#: Decree 79/2020 and TT 84/2020 implement Law 53/2019: the legal reference gives no effective
#: date for either; the Law's own date (1 Jul 2020) is a configurable default and the rules that
#: start on it carry ``confirmed=False``.
DECREE_79_FROM = LAW_53_FROM
TT_84_FROM = LAW_53_FROM
#: The Law on Civil Defence 18/2023 took effect on 1 Jul 2024 (legal-reference §7).
LAW_18_2023_FROM = dt.date(2024, 7, 1)
#: Decree 27/2016 (signed 6 Apr 2016): the legal reference gives no effective date; 20 May
#: 2016 is a configurable default and the rules that start on it carry ``confirmed=False``.
DECREE_27_FROM = dt.date(2016, 5, 20)
#: Base salary 1,800,000 VND from 1 Jul 2023 (Decree 24/2023; not in the legal reference) and
#: 2,340,000 VND from 1 Jul 2024 (Decree 73/2024; legal-reference §3).
DECREE_24_2023_FROM = dt.date(2023, 7, 1)
DECREE_73_2024_FROM = dt.date(2024, 7, 1)


def day_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


BEFORE_98 = day_before(LAW_98_FROM)
BEFORE_68 = day_before(TT_68_FROM)
BEFORE_105 = day_before(TT_105_FROM)
BEFORE_106 = day_before(TT_106_FROM)
BEFORE_97 = day_before(TT_97_FROM)
BEFORE_16 = day_before(DECREE_16_FROM)
