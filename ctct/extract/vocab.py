"""Vocabularies of the conference-report genre, kept as named data rather than inline rules.

Every list here is what the extractor reads to decide; the code in the other modules only
combines them. Spellings use the traditional tone placement ("ủy"); matching is done on
``compare_key``/lower-cased text so "uỷ" matches too.
"""

from __future__ import annotations

from ctct.text import names as _names

# --- ranks: the language layer's list (DOMAIN.md, navy equivalents included) ----------------
# "QNCN" after a rank is read by the person finder, so only the base ranks are listed here.
RANKS: tuple[str, ...] = tuple(r for r in _names.RANKS if not r.endswith(" QNCN"))

# Academic titles that may stand between a rank and a name ("Đại tá, PGS, TS Nguyễn Văn A").
ACADEMIC_TITLES: tuple[str, ...] = ("GS", "PGS", "TS", "ThS", "TSKH", "BS", "KS", "CN", "NCS")
# The academic titles that introduce a name without a rank or "đồng chí" before them
# (BS, KS, CN are also other abbreviations).
ACADEMIC_LEADS: tuple[str, ...] = ("PGS", "GS", "TSKH", "TS", "ThS", "NCS")

# Words that introduce a civilian's name ("đồng chí Chu Văn Mạnh", "cô Ngô Thị Phượng").
PERSON_TRIGGERS: tuple[str, ...] = (
    "các đồng chí",
    "đồng chí",
    "Đồng chí",
    "Các đồng chí",
    "ông",
    "bà",
    "Ông",
    "Bà",
    "cô",
    "thầy",
    "anh",
    "chị",
    "cụ",
    "Cụ",
    "đ/c",
    "Đ/c",
    "CNVQP",
    "CNQP",
    "QNCN",
    # a party member and a doctor ("cho ĐV Vũ Sơn Hà", "Bác sỹ Lê Quân Thành")
    "ĐV",
    "Bác sĩ",
    "Bác sỹ",
    "bác sĩ",
    "bác sỹ",
)

# First words of a title (position). A comma-separated segment that starts otherwise is not a
# new position: a body-kind segment continues the previous one ("Tiểu đoàn 3, Trung đoàn 2").
TITLE_HEADS: tuple[str, ...] = (
    "Ủy viên",
    "Uỷ viên",
    "Bí thư",
    "Phó Bí thư",
    "Chính ủy",
    "Chính uỷ",
    "Phó Chính ủy",
    "Phó Chính uỷ",
    "Chính trị viên",
    "Chủ nhiệm",
    "Phó Chủ nhiệm",
    "Tư lệnh",
    "Phó Tư lệnh",
    "Tham mưu trưởng",
    "Phó Tham mưu trưởng",
    "Chỉ huy trưởng",
    "Chỉ huy phó",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Trưởng",
    "Phó Trưởng",
    "Phó trưởng",
    "Phó Ban",
    "Chánh",
    "Phó Chánh",
    "Giám đốc",
    "Phó Giám đốc",
    "Hiệu trưởng",
    "Phó Hiệu trưởng",
    "Hiệu phó",
    "Cục trưởng",
    "Phó Cục trưởng",
    "Vụ trưởng",
    "Viện trưởng",
    "Tổng Bí thư",
    "Thủ trưởng",
    "Trợ lý",
    "Cán bộ",
    "Đảng ủy viên",
    "Đảng uỷ viên",
    "Thành viên",
    "thành viên",
    "Tổng Giám đốc",
    "Đại biểu",
    "Bộ trưởng",
    "Thứ trưởng",
    "Đội trưởng",
    "Đại đội trưởng",
    "Tiểu đoàn trưởng",
    "Trung đoàn trưởng",
    "Lữ đoàn trưởng",
    "Sư đoàn trưởng",
    "Trạm trưởng",
    "Đồn trưởng",
    "Tổ trưởng",
    "tổ trưởng",
    "Trưởng thôn",
    "Trưởng bản",
    "Trưởng ấp",
    "Bí thư Chi bộ",
    "Phó Bí thư Chi bộ",
    "phụ trách",
    "Học viên",
    "Giảng viên",
    "Nhân viên",
    "Chiến sĩ",
    "Đảng viên",
    "đảng viên",
    "nguyên",
    "Nguyên",
    "Chi ủy viên",
    "Chi uỷ viên",
    "Huyện ủy viên",
    "Huyện uỷ viên",
    "Tỉnh ủy viên",
    "Tỉnh uỷ viên",
    "Thành ủy viên",
    "Thành uỷ viên",
    "Quận ủy viên",
    "Đảng ủy viên",
    "Thư ký",
    "Thường trực",
)
# "Đoàn trưởng", "Khẩu đội trưởng", "Chỉ huy phó": a unit word and trưởng/phó make a title.
# Units whose head is "<unit> trưởng" / deputy "<unit> phó".
HEADED_UNITS: tuple[str, ...] = (
    "Đoàn",
    "Sư đoàn",
    "Lữ đoàn",
    "Trung đoàn",
    "Tiểu đoàn",
    "Đại đội",
    "Trung đội",
    "Tiểu đội",
    "Khẩu đội",
    "Khẩu đội",
    "Hải đoàn",
    "Hải đội",
    "Đội",
    "Tổ",
    "Cục",
    "Tổng cục",
    "Vụ",
    "Viện",
    "Đồn",
    "Trạm",
    "Kho",
    "Xưởng",
    "Khoa",
    "Phòng",
    "Ban",
    "Bệnh viện",
    "Binh đoàn",
    "Quân đoàn",
    "Hiệu",
    "Chỉ huy",
    "Tham mưu",
    "Lớp",
    "Thôn",
    "Bản",
    "Ấp",
    "Khu phố",
    "Xóm",
)
TITLE_SUFFIX_PATTERN = (
    r"(?:Phó\s+)?(?:"
    + "|".join(sorted(set(HEADED_UNITS), key=len, reverse=True))
    + r")\s(?:trưởng|phó)(?![\w])"
)

# The language layer's titles count as title heads too ("Chủ tịch nước", "Bộ trưởng").
TITLE_HEADS = tuple(dict.fromkeys(TITLE_HEADS + tuple(_names.TITLES)))

# Kinds of Party and military bodies (start of a body name).
BODY_KINDS: tuple[str, ...] = (
    "Ban Chấp hành",
    "Ban Thường vụ",
    "Thường vụ",
    "Đảng ủy",
    "Đảng uỷ",
    "Đảng bộ",
    "Chi bộ",
    "Chi ủy",
    "Chi uỷ",
    "Quân ủy",
    "Quân uỷ",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Thành ủy",
    "Thành uỷ",
    "Huyện ủy",
    "Huyện uỷ",
    "Quận ủy",
    "Quận uỷ",
    "Thị ủy",
    "Thị uỷ",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Bộ Tư lệnh",
    "Bộ Chỉ huy",
    "Bộ Quốc phòng",
    "Bộ đội",
    "Bộ",
    "Tổng cục",
    "Cục",
    "Vụ",
    "Phòng",
    "Ban",
    "Quân khu",
    "Quân đoàn",
    "Quân chủng",
    "Binh chủng",
    "Vùng",
    "Sư đoàn",
    "Lữ đoàn",
    "Trung đoàn",
    "Tiểu đoàn",
    "Đại đội",
    "Trung đội",
    "Tiểu đội",
    "Hải đoàn",
    "Hải đội",
    "Đoàn",
    "Đồn",
    "Trạm",
    "Học viện",
    "Trường",
    "Viện",
    "Bệnh viện",
    "Trung tâm",
    "Công ty",
    "Tổng công ty",
    "Binh đoàn",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "HĐND",
    "Hội đồng",
    "Văn phòng",
    "Sở",
    "Hội nghị",
    "Chính phủ",
    "Quốc hội",
    "Văn phòng Trung ương",
    "Mặt trận",
    "Hội",
    "Khối",
    "Bộ đội Biên phòng",
    "Cảnh sát",
    "Công an",
    "Tòa án",
    "Viện kiểm sát",
    "Đảng bộ Quân sự",
    "Bộ CHQS",
    "BCHQS",
    "BĐBP",
    "Ủy ban Kiểm tra",
    "Quân đội",
)

# --- role predicates (EXTRACTION.md: roles) ---------------------------------------------------
# Order matters: longer phrases first so "phát biểu chỉ đạo" wins over "phát biểu".
ROLE_VERBS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("trình bày kinh nghiệm", ("spoke",)),
    ("trình bày tham luận", ("spoke",)),
    ("trình bày ý kiến", ("spoke",)),
    ("báo cáo kinh nghiệm", ("spoke",)),
    ("báo cáo tham luận", ("spoke",)),
    ("phát biểu chúc mừng", ("spoke",)),
    ("phát biểu khai mạc", ("spoke",)),
    ("phát biểu bế mạc", ("directed",)),
    ("phát biểu tham luận", ("spoke",)),
    ("phát biểu ý kiến", ("guest_speech",)),
    ("đồng chủ trì", ("chair",)),
    ("được tuyên dương", ("awarded",)),
    ("được khen thưởng", ("awarded",)),
    ("đề xuất", ("spoke",)),
    ("tham gia ý kiến", ("spoke",)),
    ("góp ý", ("spoke",)),
    ("kiểm điểm", ("spoke",)),
    ("tự phê bình", ("spoke",)),
    ("thảo luận", ("spoke",)),
    ("giải trình", ("spoke",)),
    ("dự và phát biểu chỉ đạo", ("directed",)),
    ("tham dự và phát biểu chỉ đạo", ("directed",)),
    ("tham dự và chỉ đạo", ("directed",)),
    ("tham dự, chỉ đạo", ("directed",)),
    ("đến dự và chỉ đạo", ("directed",)),
    ("tới dự và chỉ đạo", ("directed",)),
    ("dự, phát biểu chỉ đạo", ("directed",)),
    ("dự và chỉ đạo", ("directed",)),
    ("tham dự chỉ đạo", ("directed",)),
    ("về tham dự chỉ đạo", ("directed",)),
    ("về tham dự và chỉ đạo", ("directed",)),
    ("dự chỉ đạo", ("directed",)),
    ("chủ trì quán triệt", ("chair", "reported")),
    ("chủ trì và quán triệt", ("chair", "reported")),
    ("phát biểu quán triệt", ("reported",)),
    ("dự, chỉ đạo", ("directed",)),
    ("về dự và chỉ đạo", ("directed",)),
    ("phát biểu chỉ đạo", ("directed",)),
    ("phát biểu kết luận", ("directed",)),
    ("chủ trì và kết luận", ("chair", "directed")),
    ("kết luận", ("directed",)),
    ("chỉ đạo", ("directed",)),
    ("yêu cầu", ("spoke",)),
    ("chủ trì", ("chair",)),
    ("điều hành", ("chair",)),
    ("trình bày", ("reported",)),
    ("báo cáo", ("reported",)),
    ("thông qua", ("reported",)),
    ("quán triệt", ("reported",)),
    ("truyền đạt", ("reported",)),
    ("phổ biến", ("reported",)),
    ("triển khai", ("reported",)),
    ("đọc", ("reported",)),
    ("hướng dẫn", ("reported",)),
    ("nêu ý kiến", ("spoke",)),
    ("nêu", ("spoke",)),
    ("công bố", ("reported",)),
    ("giới thiệu", ("reported",)),
    ("trao tặng", ("awarded",)),
    ("gắn Huy hiệu", ("awarded",)),
    ("trao và gắn Huy hiệu", ("awarded",)),
    ("trao", ("awarded",)),
    ("tặng", ("awarded",)),
    ("khen thưởng", ("awarded",)),
    ("được trao", ("awarded",)),
    ("được tặng", ("awarded",)),
    ("nhận", ("awarded",)),
    ("vinh dự nhận", ("awarded",)),
    ("cùng dự", ("attended",)),
    ("đến dự", ("attended",)),
    ("tới dự", ("attended",)),
    ("tham dự", ("attended",)),
    ("về dự", ("attended",)),
    ("dự", ("attended",)),
    ("tham luận", ("spoke",)),
    ("phát biểu", ("guest_speech",)),
    ("bày tỏ", ("spoke",)),
    ("chia sẻ", ("spoke",)),
    ("đề nghị", ("guest_speech",)),
    ("nhấn mạnh", ("guest_speech",)),
    ("ghi nhận", ("guest_speech",)),
    ("đánh giá", ("guest_speech",)),
    ("biểu dương", ("guest_speech",)),
    ("nêu rõ", ("guest_speech",)),
    ("khẳng định", ("guest_speech",)),
    ("lưu ý", ("guest_speech",)),
    ("cho biết", ("spoke",)),
    ("chúc mừng", ("spoke",)),
    ("khai mạc", ("spoke",)),
    ("bế mạc", ("directed",)),
    ("giao", ("directed",)),
)

# Other predicates: no role, but they end a title chain ("tái đắc cử", "được bầu").
NEUTRAL_VERBS: tuple[str, ...] = (
    "tái đắc cử",
    "đắc cử",
    "được bầu",
    "được",
    "đã",
    "vừa",
    "cũng",
    "là",
    "thay mặt",
    "cùng",
    "làm rõ",
    "khái quát",
    "thống nhất",
    "động viên",
    "kiểm tra",
    "thăm",
    "tiếp thu",
    "gợi mở",
    "đồng tình",
    "đặt vấn đề",
    "trả lời",
    "tiếp tục",
    "mong muốn",
    "hứa",
    "tin tưởng",
    "chỉ ra",
    "phân tích",
    "tổng hợp",
    "tại",
    "trong",
    "với",
    "đánh giá cao",
    "tham gia",
    "làm",
    "đồng thời",
    "sẽ",
    "đang",
    "có",
)

# Words after a role word that make it not a verb ("dự thảo", "dự khuyết", "báo cáo viên").
NOT_VERB_AFTER: dict[str, tuple[str, ...]] = {
    "dự": ("khuyết", "thảo", "án", "bị", "toán", "kiến", "báo", "kiến"),
    "báo cáo": ("viên",),
    "đọc": ("giả",),
    "nhận": ("thức", "xét", "định"),
    "giao": ("lưu", "thông", "ban"),
    "thông qua": ("hội nghị", "đó", "việc"),
    "kết luận": ("số",),
    "chỉ đạo": ("của",),
}

# A clause opening ("Phát biểu chỉ đạo hội nghị, Đại tá X...") gives its roles to the people
# named in the clause. Matched at the start of a sentence, case-insensitively.
OPENING_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"(?:về |đến |tới )?(?:tham )?dự,? (?:và )?(?:phát biểu )?chỉ đạo\b", ("directed",)),
    (r"phát biểu chỉ đạo\b", ("directed",)),
    (r"phát biểu kết luận\b", ("directed",)),
    (r"phát biểu bế mạc\b", ("directed",)),
    (r"kết luận\b", ("directed",)),
    (r"chỉ đạo\b", ("directed",)),
    (r"(?:cùng |đồng )?chủ trì\b", ("chair",)),
    (r"(?:về |đến |tới )?(?:tham |cùng )?dự\b", ("attended",)),
    (r"tới dự\b", ("attended",)),
    (r"phát biểu (?:tại|ý kiến)\b", ("guest_speech",)),
    (r"phát biểu\b", ("spoke",)),
    (r"đoàn chủ tịch\b", ("chair",)),
    (r"bế mạc\b", ("directed",)),
    (r"chủ tọa\b", ("chair",)),
    (r".{0,60}?được (?:tuyên dương|khen thưởng|tặng|trao|vinh danh)\b", ("awarded",)),
    (r"tham luận\b", ("spoke",)),
    (r"trình bày\b", ("reported",)),
    (r"báo cáo (?:tại|trước) (?:hội nghị|đại hội)\b", ("reported",)),
)

# "... cho (các) đồng chí X" in a sentence with one of these: X is awarded.
AWARD_VERBS: tuple[str, ...] = ("trao", "tặng", "khen thưởng", "gắn")
AWARD_NOUNS: tuple[str, ...] = (
    "Bằng khen",
    "Giấy khen",
    "Huy hiệu",
    "Huân chương",
    "Huy chương",
    "Cờ thi đua",
    "Kỷ niệm chương",
    "danh hiệu",
    "Danh hiệu",
    "Giấy chứng nhận",
    "phần thưởng",
    "Chiến sĩ thi đua",
)

# --- event kinds ------------------------------------------------------------------------------
KIND_SO_KET = "so_ket"
KIND_TONG_KET = "tong_ket"
KIND_RA_NGHI_QUYET = "ra_nghi_quyet"
KIND_QUAN_TRIET = "quan_triet"
KIND_DAI_HOI = "dai_hoi"
KIND_OTHER = "other"

# Event nouns that the lead sentence "<Body> tổ chức <noun> ..." names.
EVENT_NOUNS: tuple[str, ...] = (
    "Hội nghị",
    "hội nghị",
    "Đại hội",
    "đại hội",
    "Lễ",
    "lễ",
    "buổi",
    "Buổi",
    "sinh hoạt",
    "Hội thảo",
    "hội thảo",
    "Tọa đàm",
    "tọa đàm",
    "Hội thi",
    "hội thi",
    "phiên",
    "giao ban",
    "Giao ban",
    "kỳ họp",
    "lớp",
    # the activity itself: "tổ chức học tập Nghị quyết", "tổ chức nghiên cứu, học tập, quán triệt"
    "học tập",
    "nghiên cứu",
    "quán triệt",
    "trao",
)

# Words that start the subject of a lead sentence as a body (organizer).
ORGANIZER_VERBS: tuple[str, ...] = (
    "long trọng tổ chức",
    "trọng thể tổ chức",
    "đã tổ chức",
    "vừa tổ chức",
    "tổ chức",
    "tiến hành",
    "đã tiến hành",
    "vừa tiến hành",
    "khai mạc",
    "tổ chức khai mạc",
    "diễn ra",
    "đã diễn ra",
    "họp",
)

# Auxiliaries and adverbs between the organizer and its verb ("Đảng ủy Sư đoàn 5 đã long trọng
# tổ chức", "... cũng đã phối hợp tổ chức"): never part of the body's name.
BEFORE_VERB_WORDS: tuple[str, ...] = (
    "đã",
    "vừa",
    "cũng",
    "đang",
    "sẽ",
    "mới",
    "long trọng",
    "trọng thể",
    "trang trọng",
    "chính thức",
    "phối hợp",
    "tiến hành",
    "thành công",
)

# "Quân ủy Trung ương, Bộ Quốc phòng": a Party committee and its command hold a meeting jointly;
# any other second body after a comma is the first one's parent and is dropped.
PARTY_COMMITTEE_KINDS: tuple[str, ...] = (
    "Đảng ủy",
    "Đảng uỷ",
    "Quân ủy",
    "Quân uỷ",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Ban Thường vụ",
    "Thường vụ",
    "Chi ủy",
    "Chi bộ",
)
COMMAND_KINDS: tuple[str, ...] = (
    "Bộ Tư lệnh",
    "Bộ Quốc phòng",
    "Bộ Chỉ huy",
    "Ban Chỉ huy",
    "Ban Giám đốc",
    "Ban Giám hiệu",
    "Ban Chỉ đạo",
    "Chỉ huy",
    "UBND",
    "Ủy ban nhân dân",
    "Thủ trưởng",
    "Ban Chỉ huy Quân sự",
)
# An "other" meeting has a period only when it reviews one.
OTHER_REVIEW_WORDS: tuple[str, ...] = (
    "giao ban",
    "kiểm điểm",
    "đánh giá",
    "rút kinh nghiệm",
    "nhìn lại",
)

# Routine meetings named before their period are "other" even when the period is a half, a
# quarter or nine months ("hội nghị giao ban công tác xây dựng Đảng quý III/2024").
ROUTINE_MEETING_WORDS: tuple[str, ...] = ("giao ban",)
# Regular cell meetings named before a period are "other" without one ("hội nghị sinh hoạt chi
# bộ định kỳ tháng 10 và sinh hoạt chuyên đề quý 3").
NO_REVIEW_MEETING_WORDS: tuple[str, ...] = ("sinh hoạt chi bộ", "sinh hoạt chuyên đề")

# Abbreviations that keep their parentheses inside an organizer ("(BĐBP)").
PAREN_ABBREVIATION = r"\([A-ZĐ][A-ZĐa-z0-9&\-]{1,12}\)"

# --- documents --------------------------------------------------------------------------------
# Type words that, before a number, make a line worth giving to the document finder
# (ctct.text.docnumbers reads the citation itself).
DOCUMENT_CUE_WORDS: tuple[str, ...] = (
    "Chỉ thị",
    "Nghị quyết",
    "Kết luận",
    "Quy định",
    "Quyết định",
    "Hướng dẫn",
    "Kế hoạch",
    "Báo cáo",
    "Thông báo",
    "Công văn",
    "Nghị định",
    "Thông tư",
    "Luật",
    "Thông tri",
    "Chương trình",
    "Đề án",
    "Quy chế",
    "Tờ trình",
    "Chiến lược",
    "Phương án",
    "Biên bản",
    "Điều lệ",
    "Lệnh",
    "Pháp lệnh",
    "Văn bản",
    "Công điện",
    "Số",
)

# --- cleaning ---------------------------------------------------------------------------------
# Whole lines that are web debris (compared lower-cased, stripped of trailing ":" and spaces).
DEBRIS_LINES: frozenset[str] = frozenset(
    {
        "leftcenterrightdel",
        "in trang này",
        "in bài viết",
        "bài viết khác",
        "tin liên quan",
        "tin khác",
        "các tin khác",
        "tin cùng chuyên mục",
        "xem thêm",
        "chia sẻ",
        "chia sẻ bài viết",
        "gửi bài viết",
        "bình luận",
        "ý kiến bạn đọc",
        "từ khóa",
        "tags",
        "trở về",
        "về đầu trang",
        "quay lại",
        "-",
        "—",
        "*",
        "chủ trì hội nghị",
    }
)
# Line prefixes that mark debris lines ("Tìm kiếm theo:Chuyên mục này...", "Chia sẻ Facebook").
DEBRIS_PREFIXES: tuple[str, ...] = (
    "tìm kiếm theo",
    "chia sẻ ",
    "chia sẻ:",
    "từ khóa:",
    "tags:",
    "bài viết khác",
    "tin liên quan",
    "xem thêm:",
    "đường dẫn:",
    "link:",
    "trang chủ",
    "in trang",
)
# Photo captions without a name: dropped (they carry no fact and confuse event cues).
CAPTION_PATTERNS: tuple[str, ...] = (
    r"quang cảnh (?:hội nghị|đại hội|buổi lễ|lễ|buổi|hội thảo|phiên)[^.\n]{0,60}\.?",
    r"(?:các |toàn cảnh |)đại biểu (?:tham |)dự (?:hội nghị|đại hội|buổi lễ|lễ|hội thảo|buổi)[^.\n]{0,60}\.?",
    r"toàn cảnh (?:hội nghị|đại hội|buổi lễ|lễ|hội thảo)[^.\n]{0,60}\.?",
    r"(?:các )?đại biểu (?:biểu quyết|bỏ phiếu|chụp ảnh)[^.\n]{0,80}\.?",
    r"ảnh minh họa\.?",
    r"ảnh:? [^.\n]{0,40}",
)
# Byline prefixes ("Tin, ảnh: KIM ANH" -> "KIM ANH").
# Credits that are a phrase rather than names.
BYLINE_WHOLE: frozenset[str] = frozenset(
    {"nhóm phóng viên", "phóng viên", "pv", "ctv", "ban biên tập", "nhóm pv"}
)
# Lines after which a news page holds only related links.
TAIL_MARKERS: frozenset[str] = frozenset(
    {
        "tin liên quan",
        "bài viết khác",
        "tin khác",
        "các tin khác",
        "tin cùng chuyên mục",
        "xem thêm",
        "tin bài khác",
    }
)
# Marks of an internal document (header, recipients, signature): it has no byline.
INTERNAL_MARKS: tuple[str, ...] = ("ĐẢNG CỘNG SẢN VIỆT NAM", "Nơi nhận", "T/M ", "K/T ", "T/L ")
BYLINE_PREFIXES: tuple[str, ...] = (
    "tin, ảnh",
    "tin và ảnh",
    "tin - ảnh",
    "tin-ảnh",
    "bài, ảnh",
    "bài và ảnh",
    "bài - ảnh",
    "bài",
    "tin",
    "ảnh",
    "nguồn",
    "tác giả",
    "theo",
    "nhóm phóng viên",
    "pv",
)
# A leading source tag "(QK7 Online) -" or "(QĐND) -".
SOURCE_TAG = r"^\s*(?:\([^()\n]{2,40}\)|[A-ZĐ][A-ZĐ0-9&.]{1,11}(?:\s+[Oo]nline)?)\s*[-–—]\s+"

# --- year inference ---------------------------------------------------------------------------
# How far from the end of the reviewed period a review conference may be held (months before,
# months after); the window must stay shorter than a year so that day/month fix the year.
REVIEW_WINDOW_MONTHS = (2, 4)
# How far from the start of the planned period a resolution conference may be held.
PLAN_WINDOW_MONTHS = (4, 1)
# How far around a commemorated date ("kỷ niệm ... (3/2/1930 - 3/2/2025)") a ceremony is held.
ANNIVERSARY_WINDOW_DAYS = (75, 30)
# Auxiliaries that make "hoàn thành ... năm Y" a task still ahead (so the meeting is in or before Y).
FUTURE_MARKERS: tuple[str, ...] = (
    "phải",
    "cần",
    "tập trung",
    "phấn đấu",
    "quyết tâm",
    "bảo đảm",
    "sớm",
)

# --- names --------------------------------------------------------------------------------------
# Surnames make a capitalized run a name where no rank or "đồng chí" introduces it ("Báo cáo do
# Lê Văn A trình bày"): the language layer's list plus rarer ones seen in reports.
COMMON_SURNAMES: frozenset[str] = _names.COMMON_SURNAMES | frozenset(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Đoàn Vương
    Trịnh Trương Lâm Phùng Mai Tô Hà Tạ Lưu Châu Lương Cao Quách Kiều Chu Thái Hứa Lục Mạc Tăng
    Thân Lại Khúc Ninh Đàm Giang Nông Triệu Hầu Bế Lò Lã Giáp Ông Doãn Nghiêm Văn Mẫn Ma Vi Tống
    Bạch Lạc Âu Tôn Ung Viên Ôn Kha Quan Sầm Mông Khổng Diệp Cù Ân Bàn Bạc Cấn Chử Đồng Hàn Hạ
    Khương Kim La Lạng Lường Mã Mạnh Lỗ Nhâm Phó Phí Quảng Thạch Thiều Thịnh Tiêu Trà Trình Tưởng
    Từ Ưng Vưu Yên Y H Ksor Rmah Siu Nay Rơ Kpă Đàng Thổ Giàng Sùng Vàng Thào Mùa Cầm Điêu Hoàng
    Điểu Lô Lữ Mầu Nguỵ Ngụy Phù Thang Thi Tòng Trương Tạ Vì Vy Xa Âu Hán Bồ Cổ Cung Chế Chung Đậu Đới
    Hình Hồng Huỳnh Khổng Khúc Kông Lều Liêu Lục Mạch Mai Ngọ Nhữ Ông Phương Quản Tào Thân Thiệu
    Triệu Trang Ứng Văn Vũ Vương Hùng Lăng Lê""".split()
)
# Two-syllable runs that are places or bodies, never people ("Việt Nam", "Hà Nội").
NOT_NAMES: frozenset[str] = frozenset(
    {
        "việt nam",
        "hà nội",
        "trung quốc",
        "hồ chí minh",
        "quốc hội",
        "trung ương",
        "quân đội",
        "nhân dân",
        "bác hồ",
        "cụ hồ",
        "hải quân",
        "biên phòng",
        "quốc phòng",
        "chính phủ",
        "đảng cộng sản việt nam",
        "cộng sản",
        "nhà nước",
        "hậu cần",
        "kỹ thuật",
        "tổ quốc",
    }
)
