"""A small world written for measuring search, and the queries it should answer.

``build_search_world()`` adds one military region's branch (bodies whose names repeat, a cell
renamed once its records exist, people, numbered documents with their texts, conferences, a
resolution whose target is handed to a cell) through the apps' services, so every record is
written the way a user's would be. ``RECALL`` lists the queries, typed the ways users type
them (no diacritics, the old tone placement "hoà", numbers written "35/CT-TW", "CT 35" or
"ct35", names, a repeated body name with its parent), each with the records it should find.
``recall_at_10`` runs them through any search function and tells the share found in the first
ten results. The texts are written for this set; no real report is copied.

Used by the recall test (``ctct/devtools/tests/test_search_recall.py``) and by
``ctct bench search``, which adds the same branch to an army-scale tree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

D = dt.date

# (key, parent key, name, short name, kind, unit name, symbol)
BODIES: list[tuple[str, str | None, str, str, str, str, str]] = [
    ("qk", None, "Đảng ủy Quân khu 9", "ĐU QK9", "party_committee", "Quân khu 9", "ĐU"),
    ("ccT", "qk", "Đảng ủy Cục Chính trị", "", "political_agency", "Cục Chính trị", "ĐU"),
    ("tuyenhuan", "ccT", "Chi bộ Phòng Tuyên huấn", "", "cell", "Phòng Tuyên huấn", "CB"),
    ("tochuc", "ccT", "Chi bộ Phòng Tổ chức", "", "cell", "Phòng Tổ chức", "CB"),
    ("sd330", "qk", "Đảng ủy Sư đoàn 330", "ĐU SĐ330", "party_committee", "Sư đoàn 330", "ĐU"),
    ("e1", "sd330", "Đảng ủy Trung đoàn 1", "", "party_committee", "Trung đoàn 1", "ĐU"),
    ("d1", "e1", "Đảng ủy Tiểu đoàn 1", "", "party_committee", "Tiểu đoàn 1", "ĐU"),
    ("d1c1", "d1", "Chi bộ Đại đội 1", "", "cell", "Đại đội 1", "CB"),
    ("d1c4", "d1", "Chi bộ Đại đội 4", "", "cell", "Đại đội 4", "CB"),
    ("d2", "e1", "Đảng ủy Tiểu đoàn 2", "", "party_committee", "Tiểu đoàn 2", "ĐU"),
    ("d2c4", "d2", "Chi bộ Đại đội 4", "", "cell", "Đại đội 4", "CB"),
    ("d2c5", "d2", "Chi bộ Đại đội 5", "", "cell", "Đại đội 5", "CB"),
    ("e2", "sd330", "Đảng ủy Trung đoàn 2", "", "party_committee", "Trung đoàn 2", "ĐU"),
    ("e2c4", "e2", "Chi bộ Đại đội 4", "", "cell", "Đại đội 4", "CB"),
    ("ld962", "qk", "Đảng ủy Lữ đoàn 962", "ĐU LĐ962", "party_committee", "Lữ đoàn 962", "ĐU"),
    ("ttin", "ld962", "Chi bộ Đại đội Thông tin", "", "cell", "Đại đội Thông tin", "CB"),
    (
        "hoabinh",
        "qk",
        "Đảng ủy Bộ Chỉ huy Quân sự tỉnh Hòa Bình",
        "ĐU BCHQS tỉnh Hòa Bình",
        "party_committee",
        "Bộ Chỉ huy Quân sự tỉnh Hòa Bình",
        "ĐU",
    ),
    ("hbc1", "hoabinh", "Chi bộ Ban Tham mưu", "", "cell", "Ban Tham mưu", "CB"),
]

# Bodies written first under another name and renamed through ``body_update`` once their
# people, documents and conferences exist: key -> (old name, old unit name).
RENAMED: dict[str, tuple[str, str]] = {
    "ttin": ("Chi bộ Đại đội Vô tuyến", "Đại đội Vô tuyến"),
}

# (key, body key, full name, rank, titles)
PEOPLE: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    ("chinhuy", "qk", "Đỗ Quang Thuận", "Thiếu tướng", ("Chính ủy", "Bí thư")),
    ("chunhiem", "ccT", "Lê Văn Khải", "Đại tá", ("Chủ nhiệm Chính trị",)),
    ("truong", "d1", "Nguyễn Văn Trường", "Thiếu tá", ("Chính trị viên",)),
    ("tdt", "d1", "Phạm Quốc Hưng", "Thiếu tá", ("Tiểu đoàn trưởng",)),
    ("ddt", "d1c4", "Vũ Đức Thắng", "Đại úy", ("Đại đội trưởng",)),
    ("hoa", "tuyenhuan", "Phạm Thị Hòa", "Thiếu tá", ("Trợ lý Tuyên huấn",)),
    ("thuy", "tochuc", "Hoàng Thị Thủy", "Đại úy", ("Trợ lý Tổ chức",)),
    ("khoa", "sd330", "Đặng Đình Khoa", "Đại tá", ("Chính ủy", "Bí thư")),
    ("quy", "ld962", "Trịnh Xuân Quý", "Thượng tá", ("Chính ủy",)),
    ("tuan", "ld962", "Lò Văn Tuấn", "Trung tá", ("Phó Chính ủy",)),
    ("nghia", "hoabinh", "Bùi Trọng Nghĩa", "Đại tá", ("Chính ủy",)),
    ("khue", "d2c4", "Đinh Thị Khuê", "Thượng úy", ("Bí thư Chi bộ",)),
    ("an", "e2c4", "Ngô Văn An", "Trung úy", ("Chính trị viên",)),
    ("hue", "ttin", "Tạ Thị Huệ", "Trung úy", ()),
]

# Registered documents, numbers as written: (key, citation, issuer body key or None for an
# external one, registered in, title, text)
REGISTERED: list[tuple[str, str, str | None, str, str, str]] = [
    (
        "ct35",
        "Chỉ thị số 35-CT/TW ngày 14/6/2024",
        None,
        "qk",
        "Về tổ chức đại hội đảng bộ các cấp nhiệm kỳ 2025-2030",
        "Đại hội đảng bộ các cấp là sinh hoạt chính trị sâu rộng trong toàn Đảng; "
        "mỗi cấp chọn một tổ chức đảng làm điểm để rút kinh nghiệm trước khi tổ chức rộng rãi.",
    ),
    (
        "ct45",
        "Chỉ thị số 45-CT/TW ngày 14/4/2025",
        None,
        "qk",
        "Về đại hội đảng bộ các cấp tiến tới Đại hội toàn quốc lần thứ XIV",
        "Thay thế chỉ thị trước về đại hội; điều chỉnh thời gian hoàn thành đại hội cấp cơ sở.",
    ),
    (
        "kl34",
        "Kết luận số 34-KL/TW ngày 18/4/2022",
        None,
        "qk",
        "Về chiến lược công tác kiểm tra, giám sát của Đảng đến năm 2030",
        "Đẩy mạnh chuyển đổi số trong công tác kiểm tra, giám sát và thi hành kỷ luật đảng.",
    ),
    (
        "nq847",
        "Nghị quyết số 847-NQ/QUTW ngày 28/12/2021",
        None,
        "qk",
        "Về phát huy phẩm chất Bộ đội Cụ Hồ, kiên quyết, kiên trì đấu tranh phòng, chống "
        "chủ nghĩa cá nhân trong tình hình mới",
        "Mỗi cán bộ, đảng viên tự soi, tự sửa; nêu gương trong rèn luyện phẩm chất đạo đức.",
    ),
    (
        "hd4691",
        "Hướng dẫn số 4691/HD-CT ngày 05/9/2025",
        None,
        "qk",
        "Hướng dẫn giáo dục chính trị cho hạ sĩ quan, binh sĩ năm 2026",
        "Nội dung giáo dục chính trị gồm các chuyên đề về truyền thống, pháp luật và kỷ luật.",
    ),
    (
        "kh152",
        "Kế hoạch số 152-KH/ĐU ngày 10/1/2026",
        "sd330",
        "",
        "Kế hoạch tổ chức Hội thi cán bộ chính trị giỏi cấp sư đoàn",
        "Hội thi đánh giá năng lực giảng dạy, tuyên truyền của chính trị viên đại đội.",
    ),
    (
        "nq12",
        "Nghị quyết số 12-NQ/ĐU ngày 20/12/2025",
        "ld962",
        "",
        "Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2026",
        "Tập trung huấn luyện đồng bộ, sẵn sàng chiến đấu, xây dựng đơn vị vững mạnh toàn diện "
        "mẫu mực, tiêu biểu.",
    ),
    (
        "bc21",
        "Báo cáo số 21-BC/ĐU ngày 25/6/2025",
        "hoabinh",
        "",
        "Sơ kết 6 tháng đầu năm 2025 công tác quốc phòng địa phương tỉnh Hòa Bình",
        "Xây dựng lực lượng dân quân tự vệ vững mạnh, rộng khắp; phối hợp phòng chống lũ quét.",
    ),
    (
        "qd88",
        "Quyết định số 88-QĐ/ĐU ngày 03/3/2025",
        "qk",
        "",
        "Về việc thành lập Ban Chỉ đạo 35 Đảng ủy Quân khu",
        "Ban Chỉ đạo bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác quan điểm sai trái.",
    ),
    (
        "tb5",
        "Thông báo số 5-TB/ĐU ngày 12/8/2025",
        "e1",
        "",
        "Thông báo kết luận của Thường vụ Đảng ủy về công tác bảo đảm an toàn giao thông",
        "Quản lý chặt quân nhân điều khiển mô tô, xe máy; không uống rượu bia khi lái xe.",
    ),
]

# Documents issued in the tree with the next number of their series:
# (key, issuer body key, type code, issued on, title, text)
ISSUED: list[tuple[str, str, str, dt.date, str, str]] = [
    (
        "kh_gdct",
        "ccT",
        "KH",
        D(2025, 12, 15),
        "Kế hoạch giáo dục chính trị năm 2026",
        "Bảo đảm 100% quân nhân được học tập đủ nội dung, thời gian theo quy định.",
    ),
    (
        "hd_daihoi_cb",
        "ccT",
        "HD",
        D(2025, 2, 10),
        "Hướng dẫn đại hội chi bộ trực thuộc đảng ủy cơ sở nhiệm kỳ 2025-2027",
        "Chi bộ làm điểm tổ chức trước, các chi bộ còn lại hoàn thành trước ngày 30/4/2025.",
    ),
    (
        "kh_phongchay",
        "ld962",
        "KH",
        D(2025, 4, 2),
        "Kế hoạch phòng cháy, chữa cháy rừng mùa khô",
        "Tổ chức lực lượng trực, phương tiện chữa cháy tại các khu vực rừng tràm giáp đơn vị.",
    ),
    (
        "ct_huanluyen",
        "sd330",
        "CT",
        D(2025, 1, 6),
        "Chỉ thị về nhiệm vụ huấn luyện, sẵn sàng chiến đấu năm 2025",
        "Nâng cao chất lượng huấn luyện đêm, huấn luyện sát thực tế chiến đấu.",
    ),
    (
        "bc_tuyenhuan",
        "tuyenhuan",
        "BC",
        D(2025, 11, 20),
        "Báo cáo công tác tuyên huấn năm 2025",
        "Biên tập 24 số bản tin nội bộ; tổ chức tọa đàm về văn hóa đọc trong quân nhân.",
    ),
    (
        "kh_danvan",
        "hoabinh",
        "KH",
        D(2025, 5, 8),
        "Kế hoạch công tác dân vận năm 2025",
        "Giúp nhân dân xã vùng cao khắc phục hậu quả thiên tai, xây nhà tình nghĩa.",
    ),
]

# (key, body key, kind, held on, title, place, results)
CONFERENCES: list[tuple[str, str, str, dt.date, str, str, str]] = [
    (
        "sk962",
        "ld962",
        "so_ket",
        D(2025, 6, 20),
        "Hội nghị sơ kết 6 tháng đầu năm 2025",
        "Hội trường Lữ đoàn 962",
        "Đơn vị hoàn thành tốt nhiệm vụ huấn luyện, không để xảy ra vụ việc mất an toàn.",
    ),
    (
        "dh_diem",
        "d2c4",
        "dai_hoi",
        D(2025, 3, 12),
        "Đại hội Chi bộ Đại đội 4 nhiệm kỳ 2025-2027 (đại hội điểm)",
        "Hội trường Tiểu đoàn 2",
        "Đại hội làm điểm bầu cấp ủy khóa mới, thông qua nghị quyết đại hội.",
    ),
    (
        "tk330",
        "sd330",
        "tong_ket",
        D(2025, 12, 18),
        "Hội nghị tổng kết công tác đảng, công tác chính trị năm 2025",
        "Hội trường Sư đoàn 330",
        "Sư đoàn được tặng Cờ thi đua; nhiều tập thể được khen thưởng.",
    ),
    (
        "qt35",
        "e1",
        "quan_triet",
        D(2024, 8, 5),
        "Hội nghị quán triệt Chỉ thị 35-CT/TW về đại hội đảng bộ các cấp",
        "Hội trường Trung đoàn 1",
        "Cán bộ chủ chốt nắm chắc yêu cầu chuẩn bị văn kiện và nhân sự đại hội.",
    ),
    (
        "cd_hoabinh",
        "hoabinh",
        "chuyen_de",
        D(2025, 9, 9),
        "Sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Thành phố Hòa Bình",
        "Các đồng chí đảng viên đăng ký nội dung làm theo gắn với nhiệm vụ được giao.",
    ),
    (
        "nq962",
        "ld962",
        "ra_nghi_quyet",
        D(2025, 12, 20),
        "Hội nghị ra nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2026",
        "Hội trường Lữ đoàn 962",
        "Thống nhất các chỉ tiêu huấn luyện, xây dựng đơn vị vững mạnh toàn diện.",
    ),
]

# (key, body key, period, title) and their targets: (key, resolution key, title, handed to)
RESOLUTIONS: list[tuple[str, str, str, str]] = [
    ("xd_d1", "d1", "năm 2026", "Nghị quyết xây dựng tổ chức đảng trong sạch, vững mạnh năm 2026"),
]
TARGETS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("kn", "xd_d1", "Kết nạp 5 đảng viên mới", ("d1c4",)),
    ("ttvm", "xd_d1", "100% chi bộ đạt trong sạch, vững mạnh", ()),
]

# The recall set: (query as typed, the records it should find as (kind, key)).
RECALL: list[tuple[str, tuple[tuple[str, str], ...]]] = [
    # documents by number, written every way
    ("chỉ thị 35", (("document", "ct35"),)),
    ("chi thi 35", (("document", "ct35"),)),
    ("35-CT/TW", (("document", "ct35"),)),
    ("35/CT-TW", (("document", "ct35"),)),
    ("CT 35", (("document", "ct35"),)),
    ("ct35", (("document", "ct35"),)),
    ("CT35", (("document", "ct35"),)),
    ("35CT", (("document", "ct35"),)),
    ("35CT/TW", (("document", "ct35"),)),
    ("Chỉ thị số 35", (("document", "ct35"),)),
    ("chi thi 45", (("document", "ct45"),)),
    ("45-CT/TW", (("document", "ct45"),)),
    ("ket luan 34", (("document", "kl34"),)),
    ("34-KL/TW", (("document", "kl34"),)),
    ("nghi quyet 847", (("document", "nq847"),)),
    ("847-NQ/QUTW", (("document", "nq847"),)),
    ("NQ 847", (("document", "nq847"),)),
    ("huong dan 4691", (("document", "hd4691"),)),
    ("4691/HD-CT", (("document", "hd4691"),)),
    ("HD 4691", (("document", "hd4691"),)),
    ("ke hoach 152", (("document", "kh152"),)),
    ("152-KH/ĐU", (("document", "kh152"),)),
    ("152-KH/DU", (("document", "kh152"),)),
    ("quyet dinh 88", (("document", "qd88"),)),
    ("thong bao 5 TB", (("document", "tb5"),)),
    # documents by the words of their title and text
    ("đại hội đảng bộ các cấp", (("document", "ct35"), ("document", "ct45"))),
    ("giao duc chinh tri", (("document", "kh_gdct"), ("document", "hd4691"))),
    ("giáo dục chính trị 2026", (("document", "kh_gdct"), ("document", "hd4691"))),
    ("kiem tra giam sat", (("document", "kl34"),)),
    ("chủ nghĩa cá nhân", (("document", "nq847"),)),
    ("bo doi cu ho", (("document", "nq847"),)),
    ("phong chay chua chay rung", (("document", "kh_phongchay"),)),
    ("hoi thi can bo chinh tri gioi", (("document", "kh152"),)),
    ("an toàn giao thông", (("document", "tb5"),)),
    ("dân vận vùng cao", (("document", "kh_danvan"),)),
    ("cong tac tuyen huan", (("document", "bc_tuyenhuan"),)),
    ("huấn luyện sẵn sàng chiến đấu 2025", (("document", "ct_huanluyen"),)),
    ("ban chi dao 35", (("document", "qd88"),)),
    ("ruou bia", (("document", "tb5"),)),
    ("rừng tràm", (("document", "kh_phongchay"),)),
    # old tone placement and diacritics left out
    ("quốc phòng địa phương Hoà Bình", (("document", "bc21"),)),
    ("Hoà Bình", (("body", "hoabinh"),)),
    ("bchqs tinh hoa binh", (("body", "hoabinh"),)),
    ("Phạm Thị Hoà", (("person", "hoa"),)),
    ("Hoàng Thị Thuỷ", (("person", "thuy"),)),
    # people by name
    ("Nguyễn Văn Trường", (("person", "truong"),)),
    ("Trường", (("person", "truong"),)),
    ("nguyen van truong", (("person", "truong"),)),
    ("Đỗ Quang Thuận", (("person", "chinhuy"),)),
    ("do quang thuan", (("person", "chinhuy"),)),
    ("dang dinh khoa", (("person", "khoa"),)),
    ("Trịnh Xuân Quý", (("person", "quy"),)),
    ("lo van tuan", (("person", "tuan"),)),
    ("Khuê", (("person", "khue"),)),
    ("bui trong nghia", (("person", "nghia"),)),
    ("tạ thị huệ", (("person", "hue"),)),
    # bodies, names that repeat, abbreviations
    ("su doan 330", (("body", "sd330"),)),
    ("ĐU SĐ330", (("body", "sd330"),)),
    ("lữ đoàn 962", (("body", "ld962"),)),
    ("chi bo dai doi 4", (("body", "d1c4"), ("body", "d2c4"), ("body", "e2c4"))),
    ("chi bộ phòng tuyên huấn", (("body", "tuyenhuan"),)),
    ("dai doi thong tin", (("body", "ttin"),)),
    ("cuc chinh tri", (("body", "ccT"),)),
    ("quan khu 9", (("body", "qk"),)),
    # a renamed cell: its members' lines name it by its new name
    ("ta thi hue dai doi thong tin", (("person", "hue"),)),
    # targets, and the resolution that set them
    ("ket nap dang vien moi", (("target", "kn"),)),
    ("xay dung to chuc dang trong sach vung manh", (("resolution", "xd_d1"),)),
    # conferences
    ("so ket 6 thang lu doan 962", (("conference", "sk962"),)),
    ("sơ kết 6 tháng", (("conference", "sk962"), ("document", "bc21"))),
    ("đại hội chi bộ làm điểm", (("conference", "dh_diem"), ("document", "hd_daihoi_cb"))),
    ("dai hoi diem", (("conference", "dh_diem"),)),
    ("tong ket cong tac dang 2025", (("conference", "tk330"),)),
    ("quan triet chi thi 35", (("conference", "qt35"),)),
    (
        "hoc tap va lam theo tu tuong dao duc phong cach Ho Chi Minh",
        (("conference", "cd_hoabinh"),),
    ),
    ("ra nghi quyet nhiem vu nam 2026", (("conference", "nq962"),)),
    ("nghi quyet lanh dao nhiem vu nam 2026", (("document", "nq12"), ("conference", "nq962"))),
    # as the user types: prefixes
    ("nguyen van tru", (("person", "truong"),)),
    ("phong ch", (("document", "kh_phongchay"),)),
    ("trinh xu", (("person", "quy"),)),
]


@dataclass
class SearchWorld:
    """The records of the world by their keys: ``world.pk("document", "ct35")``."""

    records: dict[tuple[str, str], object] = field(default_factory=dict)

    def pk(self, kind: str, key: str) -> int:
        return self.records[(kind, key)].pk

    def get(self, kind: str, key: str):
        return self.records[(kind, key)]

    @property
    def root(self):
        return self.records[("body", "qk")]


def build_search_world(*, parent=None) -> SearchWorld:
    """The world's records, through the services (a root of its own unless ``parent``)."""
    from django.db import transaction

    from ctct.bodies.services import body_create, body_update
    from ctct.conferences.services import conference_create
    from ctct.documents.services import document_issue, document_register
    from ctct.people.services import person_create, position_create
    from ctct.resolutions.services import resolution_create, target_add, target_hand_down

    world = SearchWorld()
    rec = world.records
    since = D(2020, 1, 1)
    with transaction.atomic():
        for key, parent_key, name, short, kind, unit, symbol in BODIES:
            name, unit = RENAMED.get(key, (name, unit))
            rec[("body", key)] = body_create(
                parent=rec[("body", parent_key)] if parent_key else parent,
                name=name,
                short_name=short,
                kind=kind,
                unit_name=unit,
                symbol=symbol,
            )
        for key, body_key, name, rank, titles in PEOPLE:
            body = rec[("body", body_key)]
            person = person_create(
                full_name=name, body=body, rank=rank, rank_conferred_on=since if rank else None
            )
            for title in titles:
                position_create(person=person, body=body, title=title, started_on=since)
            rec[("person", key)] = person
        for key, citation, issuer, registered_in, title, text in REGISTERED:
            rec[("document", key)] = document_register(
                citation=citation,
                issuer=rec[("body", issuer)] if issuer else None,
                issuer_name="" if issuer else _external_issuer(citation),
                registered_in=rec[("body", registered_in)] if registered_in else None,
                title=title,
                text=text,
            )
        for key, issuer, code, on, title, text in ISSUED:
            rec[("document", key)] = document_issue(
                issuer=rec[("body", issuer)], type_code=code, issued_on=on, title=title, text=text
            )
        for key, body_key, kind, on, title, place, results in CONFERENCES:
            rec[("conference", key)] = conference_create(
                body=rec[("body", body_key)],
                kind=kind,
                held_on=on,
                title=title,
                place=place,
                results=results,
            )
        for key, body_key, period, title in RESOLUTIONS:
            rec[("resolution", key)] = resolution_create(
                body=rec[("body", body_key)], period=period, title=title
            )
        for key, res_key, title, handed_to in TARGETS:
            target = target_add(
                resolution=rec[("resolution", res_key)],
                title=title,
                measure="count",
                target_value=len(handed_to) + 1,
                rollup="sum",
            )
            if handed_to:
                target_hand_down(target=target, values={rec[("body", k)]: 1 for k in handed_to})
            rec[("target", key)] = target
        for key, _parent, name, _short, _kind, unit, _symbol in BODIES:
            if key in RENAMED:
                body_update(body=rec[("body", key)], name=name, unit_name=unit)
    return world


def _external_issuer(citation: str) -> str:
    return "Quân ủy Trung ương" if "QUTW" in citation else "Ban Chấp hành Trung ương"


@dataclass
class Recall:
    queries: int
    expected: int
    found: int
    misses: list[tuple[str, str, str]]  # (query, kind, key) not in the first ten
    #: (query, kind, key) whose record the world given does not hold (a world found again on
    #: a kept database that knows fewer kinds): not counted either way
    skipped: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def at_10(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def recall_at_10(
    world: SearchWorld,
    search: Callable[[str], Iterable[tuple[str, int]]],
    queries: list[tuple[str, tuple[tuple[str, str], ...]]] = RECALL,
) -> Recall:
    """The share of expected records that ``search(query)`` (ranked ``(kind, pk)`` pairs)
    puts in its first ten, over every query of the set."""
    expected = found = 0
    misses = []
    skipped = []
    for query, wanted in queries:
        known = [(kind, key) for kind, key in wanted if (kind, key) in world.records]
        skipped.extend((query, kind, key) for kind, key in wanted if (kind, key) not in known)
        if not known:
            continue
        top = list(search(query))[:10]
        for kind, key in known:
            expected += 1
            if (kind, world.pk(kind, key)) in top:
                found += 1
            else:
                misses.append((query, kind, key))
    return Recall(
        queries=len(queries), expected=expected, found=found, misses=misses, skipped=skipped
    )
