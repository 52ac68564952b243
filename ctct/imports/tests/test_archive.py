"""Archives and directories: good files come out, each bad one gets its code, and the rest go on."""

from __future__ import annotations

import functools
import io
import os
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctct.imports import archive
from ctct.imports.archive import Rejected, Source, iter_sources, iter_upload, iter_zip

MiB = 1024 * 1024
REPORT = "Ngày 20/6, Đảng ủy Lữ đoàn 657 tổ chức Hội nghị sơ kết 6 tháng đầu năm 2025.\n".encode()


def make_zip(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            if name.endswith("/"):
                zf.writestr(zipfile.ZipInfo(name), b"")
            else:
                zf.writestr(name, data)
    return buf.getvalue()


def by_name(items) -> dict[str, Source | Rejected]:
    return {i.name: i for i in items}


def codes(items) -> dict[str, str]:
    return {i.name: i.code for i in items if isinstance(i, Rejected)}


def sources(items) -> dict[str, bytes]:
    return {i.name: i.data for i in items if isinstance(i, Source)}


def patch_central(data: bytes, member: str, field: str, value: int) -> bytes:
    """Rewrite one field of a member's central directory entry (what zipfile trusts)."""
    offsets = {"flags": (8, "<H"), "compress_size": (20, "<L"), "file_size": (24, "<L")}
    at = 0
    out = bytearray(data)
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == member.encode():
            off, fmt = offsets[field]
            struct.pack_into(fmt, out, at + off, value)
            return bytes(out)
        at += 4
    raise AssertionError(f"{member} not in the central directory")


def patch_local_flags(data: bytes, member: str, value: int) -> bytes:
    out = bytearray(data)
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:
        name_len = struct.unpack_from("<H", data, at + 26)[0]
        if data[at + 30 : at + 30 + name_len] == member.encode():
            struct.pack_into("<H", out, at + 6, value)
            return bytes(out)
        at += 4
    raise AssertionError(member)


@functools.cache
def zeros_bomb() -> bytes:
    """A real bomb: 60 MiB of zeros deflated (about 60 KB), beside a good report."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", REPORT)
        info = zipfile.ZipInfo("bomb.txt")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            chunk = bytes(MiB)
            for _ in range(60):
                fh.write(chunk)
        zf.writestr("z.txt", REPORT)
    return buf.getvalue()


# --- good archives --------------------------------------------------------------------------


def test_members_come_out_with_their_path_inside_the_archive(tmp_path: Path):
    data = make_zip(
        {
            "2023/": b"",
            "2023/a.docx": b"docx bytes",
            "2023/b.PDF": b"%PDF-1.4",
            "c.txt": REPORT,
            "d.HTM": b"<html></html>",
            "e.html": b"<html></html>",
        }
    )
    (tmp_path / "reports.zip").write_bytes(data)
    out = list(iter_sources(tmp_path / "reports.zip"))
    assert [i.name for i in out] == [
        "reports.zip/2023/a.docx",
        "reports.zip/2023/b.PDF",
        "reports.zip/c.txt",
        "reports.zip/d.HTM",
        "reports.zip/e.html",
    ]
    assert all(isinstance(i, Source) for i in out)
    assert sources(out)["reports.zip/c.txt"] == REPORT


def test_macos_debris_hidden_files_and_lock_files_are_skipped_silently():
    data = make_zip(
        {
            "__MACOSX/": b"",
            "__MACOSX/._a.txt": b"\x00\x05\x16\x07",
            "reports/.DS_Store": b"\x00\x00\x00\x01Bud1",
            "reports/~$a.docx": b"owner",
            "reports/Thumbs.db": b"x",
            "reports/.hidden/x.txt": REPORT,
            "reports/a.txt": REPORT,
        }
    )
    assert [i.name for i in iter_zip(data, "up.zip")] == ["up.zip/reports/a.txt"]


def test_a_vietnamese_member_name_written_without_the_utf8_flag_is_read_as_utf8():
    name = "Báo cáo hội nghị.txt"
    data = make_zip({name: REPORT})
    data = patch_central(data, name, "flags", 0)
    data = patch_local_flags(data, name, 0)
    assert [i.name for i in iter_zip(data, "up.zip")] == [f"up.zip/{name}"]


def test_iter_zip_takes_bytes_or_a_file_object():
    data = make_zip({"a.txt": REPORT})
    assert sources(iter_zip(data, "up.zip")) == {"up.zip/a.txt": REPORT}
    assert sources(iter_zip(io.BytesIO(data), "up.zip")) == {"up.zip/a.txt": REPORT}


def test_iter_upload_reads_a_zip_or_checks_a_single_file():
    assert sources(iter_upload(make_zip({"a.txt": REPORT}), "up.zip")) == {"up.zip/a.txt": REPORT}
    assert sources(iter_upload(io.BytesIO(REPORT), "r.txt")) == {"r.txt": REPORT}
    assert codes(iter_upload(b"MZ", "setup.exe")) == {"setup.exe": "unsupported"}
    assert codes(iter_upload(b"x" * 11, "r.txt", max_file_bytes=10)) == {"r.txt": "too_large"}


# --- refusals inside a zip ------------------------------------------------------------------


def test_a_zip_bomb_is_refused_without_unpacking_and_the_others_are_read():
    data = zeros_bomb()
    assert len(data) < 1 * MiB
    tracemalloc.start()
    try:
        out = list(iter_zip(data, "up.zip"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert codes(out) == {"up.zip/bomb.txt": "zip_bomb"}
    bomb = by_name(out)["up.zip/bomb.txt"]
    assert bomb.params["why"] == "ratio"
    assert bomb.params["size"] == 60 * MiB
    assert bomb.params["ratio"] > archive.MAX_RATIO
    assert set(sources(out)) == {"up.zip/a.txt", "up.zip/z.txt"}
    assert peak < 5 * MiB  # the 60 MiB were never unpacked


def test_a_highly_compressed_member_under_the_size_limit_is_still_a_bomb():
    data = make_zip({"a.txt": REPORT, "zeros.txt": bytes(10 * MiB)})
    out = list(iter_zip(data, "up.zip"))
    assert codes(out) == {"up.zip/zeros.txt": "zip_bomb"}
    assert "up.zip/a.txt" in sources(out)


def test_a_bomb_whose_header_lies_about_its_size_is_not_unpacked():
    data = zeros_bomb()
    # the directory now says 100 bytes: the size and ratio checks pass
    data = patch_central(data, "bomb.txt", "file_size", 100)
    tracemalloc.start()
    try:
        out = list(iter_zip(data, "up.zip"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    refused = by_name(out)["up.zip/bomb.txt"]
    # zipfile stops unpacking at the declared size, so the lie shows as a checksum mismatch
    assert refused.code == "bad_zip"
    assert "CRC" in refused.params["error"]
    assert set(sources(out)) == {"up.zip/a.txt", "up.zip/z.txt"}
    assert peak < 5 * MiB


def test_a_member_over_the_per_file_limit_is_too_large_and_not_read():
    big = os.urandom(3000)  # incompressible: not a bomb, just big
    out = list(iter_zip(make_zip({"a.txt": REPORT, "big.pdf": big}), "up.zip", max_file_bytes=2000))
    assert codes(out) == {"up.zip/big.pdf": "too_large"}
    assert by_name(out)["up.zip/big.pdf"].params == {"size": 3000, "limit": 2000}
    assert "up.zip/a.txt" in sources(out)


def test_members_past_the_total_limit_are_refused_as_a_bomb():
    members = {f"{i}.txt": os.urandom(400) for i in range(3)}
    out = list(iter_zip(make_zip(members), "up.zip", max_total_bytes=1000))
    assert [i.name for i in out if isinstance(i, Source)] == ["up.zip/0.txt", "up.zip/1.txt"]
    refused = by_name(out)["up.zip/2.txt"]
    assert (refused.code, refused.params["why"]) == ("zip_bomb", "total")


@pytest.mark.parametrize(
    ("member", "why"),
    [
        ("../../etc/passwd.txt", "parent"),
        ("reports/../../evil.txt", "parent"),
        ("/etc/passwd.txt", "absolute"),
        ("C:/Windows/evil.txt", "drive"),
        ("C:\\Windows\\evil.txt", "drive"),
        ("..\\..\\evil.txt", "backslash"),
        ("\\\\server\\share\\evil.txt", "absolute"),
    ],
)
def test_a_member_that_would_unpack_outside_the_archive_is_unsafe(member: str, why: str):
    data = make_zip({member: REPORT, "good.txt": REPORT})
    out = list(iter_zip(data, "up.zip"))
    refused = [i for i in out if isinstance(i, Rejected)]
    assert [(r.code, r.params["why"]) for r in refused] == [("unsafe_path", why)]
    assert sources(out) == {"up.zip/good.txt": REPORT}


def test_a_symlink_member_is_unsafe_and_not_read():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        link = zipfile.ZipInfo("link.txt")
        link.create_system = 3
        link.external_attr = (0o120777 << 16) | 0x20
        zf.writestr(link, "/etc/passwd")
        zf.writestr("good.txt", REPORT)
    out = list(iter_zip(buf.getvalue(), "up.zip"))
    assert codes(out) == {"up.zip/link.txt": "unsafe_path"}
    assert by_name(out)["up.zip/link.txt"].params == {"why": "symlink"}
    assert "up.zip/good.txt" in sources(out)


def test_one_level_of_nested_zips_is_read_and_deeper_ones_are_refused():
    deeper = make_zip({"x.txt": REPORT})
    inner = make_zip({"a.txt": REPORT, "deeper.zip": deeper})
    outer = make_zip({"inner.zip": inner, "b.txt": REPORT})
    out = list(iter_zip(outer, "outer.zip"))
    assert [i.name for i in out] == [
        "outer.zip/inner.zip/a.txt",
        "outer.zip/inner.zip/deeper.zip",
        "outer.zip/b.txt",
    ]
    assert codes(out) == {"outer.zip/inner.zip/deeper.zip": "zip_nested"}


def test_a_corrupt_zip_is_bad_zip():
    assert codes(iter_zip(b"PK\x03\x04 this is not an archive", "up.zip")) == {"up.zip": "bad_zip"}


def test_a_truncated_zip_is_bad_zip():
    data = make_zip({"a.txt": REPORT * 50, "b.txt": REPORT})
    assert codes(iter_zip(data[: len(data) // 2], "up.zip")) == {"up.zip": "bad_zip"}


def test_a_corrupt_member_is_refused_and_the_others_are_read():
    data = make_zip({"a.txt": REPORT * 200, "b.txt": REPORT})
    at = data.index(b"a.txt") + len("a.txt") + 10  # inside a.txt's deflated bytes
    broken = data[:at] + bytes(b ^ 0xFF for b in data[at : at + 40]) + data[at + 40 :]
    out = list(iter_zip(broken, "up.zip"))
    assert codes(out) == {"up.zip/a.txt": "bad_zip"}
    assert sources(out) == {"up.zip/b.txt": REPORT}


def test_a_member_cut_short_is_refused_and_the_others_are_read():
    data = make_zip({"a.txt": REPORT * 200, "b.txt": REPORT})
    # the directory says a.txt's compressed data is shorter than it is
    short = patch_central(data, "a.txt", "compress_size", 40)
    out = list(iter_zip(short, "up.zip"))
    assert codes(out) == {"up.zip/a.txt": "bad_zip"}
    assert sources(out) == {"up.zip/b.txt": REPORT}


def test_an_encrypted_member_is_refused():
    data = make_zip({"secret.txt": REPORT, "b.txt": REPORT})
    data = patch_local_flags(patch_central(data, "secret.txt", "flags", 0x1), "secret.txt", 0x1)
    out = list(iter_zip(data, "up.zip"))
    assert codes(out) == {"up.zip/secret.txt": "encrypted"}
    assert "up.zip/b.txt" in sources(out)


def test_unsupported_and_empty_members_are_refused():
    data = make_zip({"a.doc": b"\xd0\xcf\x11\xe0", "b.exe": b"MZ", "c.txt": b"", "README": b"x"})
    out = list(iter_zip(data, "up.zip"))
    assert codes(out) == {
        "up.zip/a.doc": "unsupported",
        "up.zip/b.exe": "unsupported",
        "up.zip/c.txt": "empty",
        "up.zip/README": "unsupported",
    }
    assert by_name(out)["up.zip/a.doc"].params == {"suffix": ".doc"}


def test_a_zip_with_too_many_members_is_not_read():
    data = make_zip({f"{i}.txt": REPORT for i in range(10)})
    out = list(iter_zip(data, "up.zip", max_members=5))
    assert [(i.name, i.code) for i in out] == [("up.zip", "too_many")]
    assert out[0].params == {"count": 10, "limit": 5}


FUZZ_MEMBERS = {
    "a.txt": REPORT * 20,
    "b/c.html": b"<html><p>x</p></html>" * 10,
    "inner.zip": make_zip({"d.txt": REPORT, "e.pdf": b"%PDF-1.4 x"}),
}
FUZZ_ZIP = make_zip(FUZZ_MEMBERS)
INNER = {"up.zip/inner.zip/d.txt": REPORT, "up.zip/inner.zip/e.pdf": b"%PDF-1.4 x"}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(FUZZ_ZIP) - 1), st.integers(0, 255)), max_size=6),
    st.one_of(st.just(len(FUZZ_ZIP)), st.integers(1, len(FUZZ_ZIP))),
)
def test_a_damaged_zip_never_raises_and_never_yields_wrong_bytes(changes, keep):
    data = bytearray(FUZZ_ZIP)
    for at, value in changes:
        data[at] = value
    out = list(iter_zip(bytes(data[:keep]), "up.zip"))
    assert all(isinstance(i, (Source, Rejected)) for i in out)
    expected = {f"up.zip/{k}": v for k, v in FUZZ_MEMBERS.items()} | INNER
    for item in out:
        if isinstance(item, Source) and item.name in expected:
            assert item.data == expected[item.name]


# --- directories ----------------------------------------------------------------------------


def test_a_directory_is_read_recursively_in_name_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_bytes(REPORT)
    (tmp_path / "a.html").write_bytes(b"<html>x</html>")
    (tmp_path / "c.docx").write_bytes(b"docx")
    (tmp_path / "b" / "1.pdf").write_bytes(b"%PDF")
    assert [i.name for i in iter_sources(tmp_path)] == ["a.html", "b/1.pdf", "b/2.txt", "c.docx"]


def test_a_zip_in_a_directory_is_opened(tmp_path: Path):
    (tmp_path / "2023").mkdir()
    (tmp_path / "2023" / "old.zip").write_bytes(make_zip({"x/a.txt": REPORT}))
    (tmp_path / "b.txt").write_bytes(REPORT)
    assert sources(iter_sources(tmp_path)) == {"2023/old.zip/x/a.txt": REPORT, "b.txt": REPORT}


def test_hidden_files_are_skipped_and_symlinks_are_not_followed(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(REPORT)
    root = tmp_path / "root"
    root.mkdir()
    (root / ".git").mkdir()
    (root / ".git" / "a.txt").write_bytes(REPORT)
    (root / ".hidden.txt").write_bytes(REPORT)
    (root / "link").symlink_to(outside, target_is_directory=True)
    (root / "file-link.txt").symlink_to(outside / "secret.txt")
    (root / "a.txt").write_bytes(REPORT)
    out = list(iter_sources(root))
    assert sources(out) == {"a.txt": REPORT}
    assert codes(out) == {"file-link.txt": "unsafe_path", "link": "unsafe_path"}


def test_every_bad_file_in_a_directory_gets_its_code_and_the_rest_go_on(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(REPORT)
    (tmp_path / "b.zip").write_bytes(b"not a zip at all")
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.xlsx").write_bytes(b"PK")
    (tmp_path / "e.pdf").write_bytes(os.urandom(3000))
    os.mkfifo(tmp_path / "f.txt")  # would block a reader forever
    (tmp_path / "g.txt").write_bytes(REPORT)
    out = list(iter_sources(tmp_path, max_file_bytes=2000))
    assert codes(out) == {
        "b.zip": "bad_zip",
        "c.txt": "empty",
        "d.xlsx": "unsupported",
        "e.pdf": "too_large",
        "f.txt": "unreadable",
    }
    assert set(sources(out)) == {"a.txt", "g.txt"}


def test_a_directory_stops_at_the_member_limit(tmp_path: Path):
    for i in range(4):
        (tmp_path / f"{i}.txt").write_bytes(REPORT)
    out = list(iter_sources(tmp_path, max_members=2))
    assert [i.name for i in out if isinstance(i, Source)] == ["0.txt", "1.txt"]
    assert (out[-1].name, out[-1].code) == (tmp_path.name, "too_many")


def test_a_directory_past_the_total_limit_refuses_the_rest(tmp_path: Path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_bytes(os.urandom(400))
    out = list(iter_sources(tmp_path, max_total_bytes=1000))
    assert codes(out) == {"2.txt": "total_too_large"}


def test_a_single_file_and_a_missing_path(tmp_path: Path):
    (tmp_path / "r.txt").write_bytes(REPORT)
    assert sources(iter_sources(tmp_path / "r.txt")) == {"r.txt": REPORT}
    assert codes(iter_sources(str(tmp_path / "nope"))) == {"nope": "not_found"}


def test_every_code_is_listed_in_codes():
    assert len(set(archive.CODES)) == len(archive.CODES)
    for name in dir(archive):
        value = getattr(archive, name)
        if name.isupper() and isinstance(value, str) and value.islower() and "_" in value:
            assert value in archive.CODES, name
