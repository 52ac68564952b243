"""Fingerprints: the same article as a web page and as text matches; different reports do not."""

from __future__ import annotations

import doctest
import hashlib
import html
import itertools
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctct.conferences.news import draft, headline
from ctct.conferences.roundtrip import generate
from ctct.extract.readers import read_html
from ctct.imports import fingerprint
from ctct.imports.fingerprint import (
    content_hash,
    sentence_hashes,
    similarity,
    sketch,
    text_hash,
)
from ctct.imports.tests.conftest import seed_dir

NAV = [
    "Trang chủ",
    "Tin tức",
    "Quốc phòng - An ninh",
    "Xây dựng Đảng",
    "Văn hóa - Xã hội",
    "Thể thao",
    "Pháp luật",
    "Video",
]
RELATED = [
    "Lữ đoàn 657 tổ chức hội thao kỹ thuật năm 2025",
    "Sư đoàn 5 diễn tập chiến đấu trong khu vực phòng thủ tỉnh Tây Ninh",
    "Bộ Chỉ huy Quân sự tỉnh Long An giao nhận quân năm 2025",
]
FOOTER = [
    "Cơ quan chủ quản: Bộ Tư lệnh Quân khu 7.",
    "Giấy phép số 123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày 1/1/2020.",
    'Ghi rõ nguồn "Báo Quân khu 7" khi phát hành lại thông tin từ website này.',
    "Địa chỉ: 2 Hoàng Văn Thụ, phường Tân Sơn Nhất, Thành phố Hồ Chí Minh.",
]


def seed_paths() -> list[Path]:
    d = seed_dir()
    return sorted(d.glob("*.txt")) if d else []


SEEDS = seed_paths()
needs_seeds = pytest.mark.skipif(not SEEDS, reason="shared/seeds not found")


def generated_article(seed: int) -> tuple[str, str]:
    """(headline, body) of a generated conference report."""
    news = generate(random.Random(seed))
    return headline(news), draft(news)


def article_page(
    title: str,
    paragraphs: list[str],
    *,
    nav: list[str] = NAV,
    related: list[str] = RELATED,
    footer: list[str] = FOOTER,
    divs: bool = False,
    entities: bool = False,
) -> bytes:
    """A news page: header, menu, breadcrumb, <h1> headline, the paragraphs, share buttons,
    related links and a footer, as a newspaper's site serves it."""

    def esc(s: str) -> str:
        s = html.escape(s)
        if entities:  # some sites write every non-ASCII letter as a character reference
            s = "".join(c if c.isascii() else f"&#{ord(c)};" for c in s)
        return s

    tag = "div" if divs else "p"
    menu = "".join(f'<li><a href="/c/{i}">{esc(x)}</a></li>' for i, x in enumerate(nav))
    body = "".join(f"<{tag}>{esc(p)}</{tag}>" for p in paragraphs if p.strip())
    links = "".join(f'<li><a href="/r/{i}">{esc(x)}</a></li>' for i, x in enumerate(related))
    foot = "".join(f"<p>{esc(x)}</p>" for x in footer)
    page = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{esc(title)} - Báo Quân khu 7</title>
<script>window.dataLayer = []; function gtag() {{ dataLayer.push(arguments); }}</script>
<style>body {{ font-family: Arial; }}</style></head>
<body><header><div class="logo">Báo Quân khu 7 Online</div><nav><ul>{menu}</ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/xdd">Xây dựng Đảng</a></div>
<main><article><h1>{esc(title)}</h1><div class="meta">Thứ sáu, 20/06/2025 - 16:42</div>
<div class="content">{body}</div><div class="share">Chia sẻ: Facebook Zalo</div></article>
<aside><h3>Tin liên quan</h3><ul>{links}</ul></aside></main>
<footer>{foot}</footer></body></html>"""
    return page.encode("utf-8")


def as_text_file(title: str, body: str) -> str:
    """The same article saved as plain text: the headline, then the paragraphs."""
    return f"{title}\n{body}\n"


# --- the pieces -----------------------------------------------------------------------------


def test_docstring_examples_hold():
    result = doctest.testmod(fingerprint)
    assert result.attempted > 0
    assert result.failed == 0


def test_content_hash_is_the_sha256_of_the_bytes():
    assert content_hash(b"abc") == hashlib.sha256(b"abc").hexdigest()
    assert content_hash(b"abc") != content_hash(b"abd")


def test_text_hash_ignores_diacritics_case_punctuation_and_spacing():
    a = "Đảng ủy Lữ đoàn 657 tổ chức Hội nghị.\n\nĐại tá Bùi Hữu Ba chủ trì."
    b = "DANG UY LU DOAN 657   to chuc hoi nghi;  dai ta bui huu ba chu tri!!"
    assert text_hash(a) == text_hash(b)
    assert text_hash(a) != text_hash(
        "Đảng ủy Lữ đoàn 658 tổ chức Hội nghị. Đại tá Bùi Hữu Ba chủ trì."
    )
    assert len(text_hash(a)) == 64


def test_sentences_under_six_words_are_left_out():
    assert sentence_hashes("Quang cảnh hội nghị. Tin, ảnh: Kim Anh.\nTrang chủ") == []
    assert len(sentence_hashes("Đại tá Bùi Hữu Ba chủ trì hội nghị.")) == 1


def test_sentence_hashes_are_sorted_unique_non_negative_63_bit_ints():
    text = "\n".join(
        ["Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025."] * 3
        + ["Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn chủ trì hội nghị."]
    )
    hashes = sentence_hashes(text)
    assert hashes == sorted(set(hashes))
    assert len(hashes) == 2
    assert all(isinstance(h, int) and 0 <= h < 2**63 for h in hashes)


def test_sentence_hashes_do_not_depend_on_order_layout_or_diacritics():
    s1 = "Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025."
    s2 = "Đại tá Bùi Hữu Ba, Bí thư Đảng ủy, Chính ủy Lữ đoàn chủ trì hội nghị."
    assert sentence_hashes(f"{s1} {s2}") == sentence_hashes(f"{s2}\n\n  {s1}")
    assert sentence_hashes(s1) == sentence_hashes(
        "Dang uy Lu doan 657 to chuc Hoi nghi so ket 6 thang dau nam 2025"
    )


def test_sketch_is_the_k_smallest_distinct_hashes():
    assert sketch([9, 3, 7, 3, 1, 5], k=3) == [1, 3, 5]
    assert sketch([4, 2]) == [2, 4]
    assert len(sketch(range(100))) == fingerprint.SKETCH_SIZE


def test_similarity_is_jaccard_and_zero_for_nothing():
    assert similarity([1, 2, 3], [2, 3, 4]) == 0.5
    assert similarity([1, 2], [2, 1]) == 1.0
    assert similarity([], []) == 0.0
    assert similarity([1], []) == 0.0


@given(st.lists(st.integers(0, 50)), st.lists(st.integers(0, 50)))
def test_similarity_is_symmetric_and_between_zero_and_one(a, b):
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0


# --- the same article, twice ---------------------------------------------------------------


@needs_seeds
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_a_seed_saved_as_a_web_page_matches_its_text(path: Path):
    body = path.read_text(encoding="utf-8")
    title = "Hội nghị Đảng ủy đánh giá kết quả lãnh đạo thực hiện nhiệm vụ"
    paragraphs = [line for line in body.split("\n") if line.strip()]
    text = sentence_hashes(as_text_file(title, body))
    page = sentence_hashes(read_html(article_page(title, paragraphs)))
    assert similarity(text, page) >= 0.8


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    nav=st.lists(st.sampled_from(NAV), max_size=8),
    related=st.lists(st.sampled_from(RELATED), max_size=3),
    footer=st.lists(st.sampled_from(FOOTER), max_size=4),
    divs=st.booleans(),
    entities=st.booleans(),
    crlf=st.booleans(),
)
def test_a_generated_report_as_a_web_page_matches_its_text(
    seed, nav, related, footer, divs, entities, crlf
):
    title, body = generated_article(seed)
    text = as_text_file(title, body)
    if crlf:
        text = text.replace("\n", "\r\n")
    page = article_page(
        title,
        body.split("\n"),
        nav=nav,
        related=related,
        footer=footer,
        divs=divs,
        entities=entities,
    )
    assert similarity(sentence_hashes(text), sentence_hashes(read_html(page))) >= 0.8


# --- different reports ---------------------------------------------------------------------


@needs_seeds
def test_different_seed_reports_are_far_apart():
    hashes = [sentence_hashes(p.read_text(encoding="utf-8")) for p in SEEDS]
    for a, b in itertools.combinations(hashes, 2):
        assert similarity(a, b) < 0.3


def test_different_generated_reports_are_far_apart():
    # 60 reports of the same templates: 1770 pairs
    hashes = [sentence_hashes(as_text_file(*generated_article(seed))) for seed in range(60)]
    assert all(hashes)
    worst = max(similarity(a, b) for a, b in itertools.combinations(hashes, 2))
    assert worst < 0.3


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_two_generated_reports_are_far_apart(seed_a, seed_b):
    a, b = generated_article(seed_a), generated_article(seed_b)
    if a == b:
        return
    assert similarity(sentence_hashes(as_text_file(*a)), sentence_hashes(as_text_file(*b))) < 0.3


@needs_seeds
def test_a_generated_report_is_far_from_every_seed():
    seeds = [sentence_hashes(p.read_text(encoding="utf-8")) for p in SEEDS]
    for n in range(20):
        g = sentence_hashes(as_text_file(*generated_article(n)))
        assert max(similarity(g, s) for s in seeds) < 0.3
