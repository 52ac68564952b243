"""Legacy encodings: tables, detection, conversion, bytes, fonts."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctct.text.encodings import (
    LEGACY,
    Encoding,
    EncodingError,
    convert_run,
    decode_bytes,
    detect_encoding,
    from_unicode,
    is_legacy_caps_font,
    is_vietnamese_syllable,
    legacy_font_encoding,
    to_unicode,
)
from ctct.text.normalize import canonical_tones


def _all_letters() -> list[str]:
    letters = set()
    for base in "aăâeêioôơuưy":
        for mark in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            ch = unicodedata.normalize("NFC", base + mark)
            if not ch.isascii():
                letters |= {ch, ch.upper()}
    letters |= {"đ", "Đ"}
    return sorted(letters)


LETTERS = _all_letters()
SAMPLE = (
    "Chiều 25/11, Ban Thường vụ Đảng ủy Cục Chính trị Quân khu tổ chức hội nghị quán triệt, "
    "triển khai chỉ thị của Bộ Chính trị. Thiếu tướng Trần Chí Tâm, Phó Chủ nhiệm Chính trị "
    "Quân khu chủ trì hội nghị. Xây dựng Đảng bộ trong sạch vững mạnh, đơn vị vững mạnh toàn diện."
)

INITIALS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
            "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"]  # fmt: skip
NUCLEI = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "oa", "uy",
          "ươ", "iê", "uô", "ưa", "ia", "oai", "ươi", "uyê"]  # fmt: skip
FINALS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
TONE_MARKS = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


@st.composite
def syllables(draw):
    word = draw(st.sampled_from(INITIALS)) + draw(st.sampled_from(NUCLEI))
    word += draw(st.sampled_from(FINALS))
    tone = draw(st.sampled_from(TONE_MARKS))
    # Put the tone on the first vowel, then let canonical_tones move it where it belongs.
    for i, ch in enumerate(word):
        if ch in "aăâeêioôơuưy" and not (i > 0 and word[i - 1] in "qg"):
            word = word[: i + 1] + tone + word[i + 1 :]
            break
    word = canonical_tones(unicodedata.normalize("NFC", word))
    if draw(st.booleans()):
        word = word.capitalize()
    return word


vietnamese_sentences = st.lists(syllables(), min_size=1, max_size=30).map(" ".join)


class TestTables:
    def test_there_are_134_vietnamese_letters(self):
        assert len(LETTERS) == 134

    @pytest.mark.parametrize("encoding", [str(e) for e in LEGACY])
    def test_every_letter_round_trips_as_text(self, encoding):
        for ch in LETTERS:
            assert to_unicode(from_unicode(ch, encoding), encoding) == ch, ch

    @pytest.mark.parametrize("encoding", [str(e) for e in LEGACY])
    def test_every_letter_round_trips_as_bytes(self, encoding):
        for ch in LETTERS:
            raw = from_unicode(ch, encoding, as_bytes=True)
            assert isinstance(raw, bytes)
            assert to_unicode(raw.decode("latin-1"), encoding) == ch, ch

    @pytest.mark.parametrize("encoding", [str(e) for e in LEGACY])
    def test_all_letters_in_one_string_round_trip(self, encoding):
        text = " ".join(LETTERS) + " " + "".join(LETTERS)
        assert to_unicode(from_unicode(text, encoding), encoding) == text

    @given(
        encoding=st.sampled_from([str(e) for e in LEGACY]),
        letters=st.lists(
            st.sampled_from(LETTERS + list("abcdeghiklmnopqrstuvxy ,.0123456789")), max_size=60
        ),
    )
    def test_any_string_of_letters_round_trips(self, encoding, letters):
        text = "".join(letters)
        assert to_unicode(from_unicode(text, encoding), encoding) == text

    def test_tcvn3_reads_the_classic_examples(self):
        assert to_unicode("§¶ng ñy Lữ ®oµn", "tcvn3").startswith("Đảng ủy")
        assert to_unicode("B¶o Th¾ng", "tcvn3") == "Bảo Thắng"
        assert to_unicode("M­êng Kh­¬ng", "tcvn3") == "Mường Khương"

    def test_vni_reads_the_classic_example(self):
        assert to_unicode("Xin chaøo caùc baïn", "vni") == "Xin chào các bạn"

    def test_vni_does_not_read_a_decoded_letter_twice(self):
        # "oâ" is ô; the lone byte "ô" is ơ. One pass keeps "công" from becoming "cơng".
        assert to_unicode("coâng taùc khoùa", "vni") == "công tác khóa"

    def test_windows_1258_writes_tones_as_separate_marks(self):
        raw = from_unicode("ạ", "cp1258", as_bytes=True)
        assert raw == b"a\xf2"
        assert raw.decode("cp1258") == "a\u0323"

    def test_unknown_encoding_name_is_a_typed_error(self):
        with pytest.raises(EncodingError, match="unknown encoding 'koi8'"):
            to_unicode("abc", "koi8")

    def test_unencodable_character_is_a_typed_error_or_replaced(self):
        with pytest.raises(EncodingError, match="cannot be written in tcvn3"):
            from_unicode("“Mẫu mực”", "tcvn3")
        assert to_unicode(from_unicode("“Mẫu mực”", "tcvn3", errors="replace"), "tcvn3") == (
            '"Mẫu mực"'
        )


class TestDetection:
    @pytest.mark.parametrize(
        "encoding", [Encoding.TCVN3, Encoding.VNI, Encoding.VISCII, Encoding.CP1258]
    )
    def test_it_detects_each_legacy_encoding_in_a_paragraph(self, encoding):
        legacy = from_unicode(SAMPLE, encoding)
        det = detect_encoding(legacy)
        assert det.encoding is encoding
        assert det.confidence >= 0.5
        assert to_unicode(legacy) == SAMPLE

    def test_plain_unicode_is_unicode_and_left_unchanged(self):
        det = detect_encoding(SAMPLE)
        assert det.encoding is Encoding.UNICODE
        assert to_unicode(SAMPLE) is SAMPLE

    def test_ascii_is_ascii(self):
        assert detect_encoding("QK7 Online 2025").encoding is Encoding.ASCII

    def test_empty_text_gives_none(self):
        assert detect_encoding("") is None
        assert detect_encoding("   \n") is None
        assert to_unicode("") == ""

    def test_text_mixing_unicode_and_tcvn3_is_reported_as_mixed(self):
        mixed = SAMPLE + "\n" + from_unicode(SAMPLE, "tcvn3")
        det = detect_encoding(mixed)
        assert det.encoding is Encoding.MIXED
        assert "tcvn3" in det.reason
        assert to_unicode(mixed) == mixed  # never converted on a guess

    def test_ascii_whitespace_is_normal_text(self):
        assert detect_encoding("QK7\tOnline\r\n").encoding is Encoding.ASCII

    def test_control_characters_are_binary_not_text(self):
        det = detect_encoding("\x00\x01\x02abc\x03\x04")
        assert det.encoding is Encoding.BINARY

    def test_a_lone_ambiguous_word_stays_unicode(self):
        # "Cà phê" also reads as TCVN3 "Cổ phờ": Unicode wins every tie.
        assert detect_encoding("Cà phê").encoding is Encoding.UNICODE

    def test_decomposed_unicode_is_composed(self):
        nfd = unicodedata.normalize("NFD", SAMPLE)
        assert to_unicode(nfd) == SAMPLE

    def test_unicode_with_windows_1258_style_marks_is_unicode_and_gets_composed(self):
        text = from_unicode(SAMPLE, "cp1258", as_bytes=True).decode("cp1258")
        assert text != SAMPLE
        det = detect_encoding(text)
        assert det.encoding is Encoding.UNICODE
        assert "Windows-1258 style" in det.reason
        assert to_unicode(text) == SAMPLE

    def test_a_utf8_file_holding_windows_1258_text_read_as_latin_1_is_converted(self):
        raw = from_unicode(SAMPLE, "cp1258", as_bytes=True).decode("latin-1").encode("utf-8")
        result = decode_bytes(raw)
        assert (result.encoding, result.text) == (Encoding.CP1258, SAMPLE)

    def test_the_reason_counts_the_words(self):
        det = detect_encoding(from_unicode(SAMPLE, "vni"))
        assert "words read as Vietnamese only in vni" in det.reason
        assert det.scores["vni"] > det.scores["unicode"]


class TestZeroMisdetectionOnUnicode:
    def test_no_text_of_the_corpus_is_taken_for_a_legacy_encoding(self, unicode_corpus):
        assert unicode_corpus
        for text in unicode_corpus:
            det = detect_encoding(text)
            assert det.encoding in (Encoding.UNICODE, Encoding.ASCII), det

    def test_no_line_of_the_corpus_is_taken_for_a_legacy_encoding(self, unicode_corpus):
        for text in unicode_corpus:
            for line in text.splitlines():
                det = detect_encoding(line)
                assert det is None or det.encoding in (Encoding.UNICODE, Encoding.ASCII), (
                    line,
                    det,
                )

    @settings(max_examples=300)
    @given(vietnamese_sentences)
    def test_random_vietnamese_syllables_are_never_taken_for_legacy(self, text):
        det = detect_encoding(text)
        assert det.encoding in (Encoding.UNICODE, Encoding.ASCII), (text, det)
        assert to_unicode(text) == text

    @settings(max_examples=100)
    @given(vietnamese_sentences.filter(lambda t: len(t.split()) >= 8))
    def test_random_sentences_written_in_tcvn3_come_back(self, text):
        legacy = from_unicode(text, "tcvn3")
        if legacy == text:
            return
        back = to_unicode(legacy)
        assert back in (text, legacy)  # converted correctly, or left alone when unsure


class TestSyllables:
    @pytest.mark.parametrize("word", ["Đảng", "ủy", "người", "khuỷu", "gì", "quốc", "nghiêng", "Ừ"])
    def test_real_syllables_are_accepted(self, word):
        assert is_vietnamese_syllable(word)

    @pytest.mark.parametrize("word", ["§¶ng", "Ñaûng", "café", "qk7", "ảá", "strong", "aaaa"])
    def test_garbage_is_rejected(self, word):
        assert not is_vietnamese_syllable(word)


class TestDecodeBytes:
    def test_utf8_is_read_as_utf8(self):
        result = decode_bytes(SAMPLE.encode("utf-8"))
        assert (result.text, result.encoding) == (SAMPLE, Encoding.UTF8)
        assert result.ok

    def test_utf8_and_utf16_byte_order_marks(self):
        assert decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode()).text == SAMPLE
        assert decode_bytes(SAMPLE.encode("utf-16")).encoding is Encoding.UTF16
        assert decode_bytes(SAMPLE.encode("utf-16")).text == SAMPLE

    def test_utf16_without_a_mark(self):
        assert decode_bytes(SAMPLE.encode("utf-16-le")).text == SAMPLE

    @pytest.mark.parametrize(
        "encoding", [Encoding.TCVN3, Encoding.VNI, Encoding.VISCII, Encoding.CP1258]
    )
    def test_legacy_bytes_are_detected_and_converted(self, encoding):
        raw = from_unicode(SAMPLE, encoding, as_bytes=True)
        result = decode_bytes(raw)
        assert result.encoding is encoding
        assert result.text == SAMPLE

    @pytest.mark.parametrize(
        "encoding", [Encoding.TCVN3, Encoding.VNI, Encoding.VISCII, Encoding.CP1258]
    )
    def test_every_long_corpus_text_written_in_a_legacy_encoding_comes_back(
        self, encoding, unicode_corpus
    ):
        for text in (t for t in unicode_corpus if len(t) > 300):
            raw = from_unicode(text, encoding, as_bytes=True, errors="replace")
            expected = to_unicode(from_unicode(text, encoding, errors="replace"), encoding)
            result = decode_bytes(raw)
            assert result.encoding is encoding, result.reason
            assert result.text == expected

    def test_a_utf8_file_holding_tcvn3_text_is_converted(self):
        raw = from_unicode(SAMPLE, "tcvn3").encode("utf-8")
        result = decode_bytes(raw)
        assert result.encoding is Encoding.TCVN3
        assert result.text == SAMPLE

    def test_a_utf16_file_holding_vni_text_is_converted(self):
        result = decode_bytes(from_unicode(SAMPLE, "vni").encode("utf-16"))
        assert (result.encoding, result.text) == (Encoding.VNI, SAMPLE)

    def test_a_valid_utf8_file_mixing_unicode_and_tcvn3_keeps_its_text_marked_mixed(self):
        text = SAMPLE + "\n" + from_unicode(SAMPLE, "tcvn3")
        result = decode_bytes(text.encode("utf-8"))
        assert result.encoding is Encoding.MIXED
        assert result.text == text

    def test_utf8_bytes_mixed_with_tcvn3_bytes_are_mixed_not_guessed(self):
        raw = SAMPLE.encode("utf-8") + b"\n" + from_unicode(SAMPLE, "tcvn3", as_bytes=True)
        result = decode_bytes(raw)
        assert result.encoding is Encoding.MIXED
        assert result.text is None
        assert "tcvn3" in result.reason

    def test_damaged_utf8_keeps_the_text_and_says_so(self):
        raw = SAMPLE.encode("utf-8")
        raw = raw[:50] + b"\xff" + raw[50:]
        result = decode_bytes(raw)
        assert result.encoding is Encoding.UTF8
        assert "\ufffd" in result.text
        assert "damaged" in result.reason
        assert result.confidence < 1

    def test_empty_bytes_are_empty_text(self):
        assert decode_bytes(b"").text == ""

    @pytest.mark.parametrize(
        ("data", "what"),
        [
            (b"%PDF-1.7\n...", "PDF"),
            (b"PK\x03\x04\x14\x00", "ZIP"),
            (b"\x89PNG\r\n\x1a\n", "PNG"),
            (bytes(range(256)) * 4, "NUL"),
        ],
    )
    def test_binary_bytes_get_a_typed_result_with_the_reason(self, data, what):
        result = decode_bytes(data)
        assert result.encoding is Encoding.BINARY
        assert result.text is None
        assert not result.ok
        assert what in result.reason

    def test_bytes_that_fit_no_encoding_are_unknown_not_guessed(self):
        result = decode_bytes(b"\xe9\xe8\xe0 \xfc\xf6\xe4 \xdf\xe7")
        assert result.text is None
        assert result.encoding is Encoding.UNKNOWN
        assert "no legacy encoding fits" in result.reason

    def test_detect_encoding_accepts_bytes(self):
        det = detect_encoding(from_unicode(SAMPLE, "vni", as_bytes=True))
        assert det.encoding is Encoding.VNI
        assert detect_encoding(b"") is None


class TestFonts:
    @pytest.mark.parametrize(
        ("font", "encoding"),
        [
            (".VnTime", Encoding.TCVN3),
            (".VnTimeH", Encoding.TCVN3),
            (".VnArial", Encoding.TCVN3),
            ("VNI-Times", Encoding.VNI),
            ("VNI-Helve", Encoding.VNI),
            ("Times New Roman", None),
            ("Arial", None),
            (None, None),
            ("", None),
        ],
    )
    def test_a_font_name_implies_its_encoding(self, font, encoding):
        assert legacy_font_encoding(font) == encoding

    def test_vntimeh_is_a_capitals_font(self):
        assert is_legacy_caps_font(".VnTimeH")
        assert not is_legacy_caps_font(".VnTime")
        assert not is_legacy_caps_font("Times New Roman")

    def test_a_run_is_converted_by_its_font(self):
        assert convert_run("§¶ng ñy", ".VnTime") == "Đảng ủy"
        assert convert_run("§¶ng ñy", ".VnTimeH") == "ĐẢNG ỦY"
        assert convert_run("Ñaûng uûy", "VNI-Times") == "Đảng ủy"
        assert convert_run("Đảng ủy", "Times New Roman") == "Đảng ủy"
