"""Regenerate ``encodings.json``, the legacy Vietnamese encoding tables.

Run by hand (``python ctct/text/data/build_encodings.py``) on a machine with glibc's locale
data; the output is committed, so ctct never needs this script at run time.

Sources:
- TCVN3 (TCVN 5712:1993, the ABC / .VnTime encoding, VN1 superset with the upper-case
  toned letters in C0 and 0x80-0x9F): glibc ``localedata/charmaps/TCVN5712-1``.
- VISCII (RFC 1456): glibc ``localedata/charmaps/VISCII``.
- VNI (VNI-Windows, base letter followed by a mark byte): written out below from the VNI
  font layout; checked against duydev/vietnamese-conversion (MIT) ``src/charsets.ts``.
- Windows-1258 is not tabled here: Python's ``cp1258`` codec is used.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path

CHARMAPS = Path("/usr/share/i18n/charmaps")
OUT = Path(__file__).with_name("encodings.json")

# VNI-Windows: a vowel is written as its base letter plus a mark byte (shown here as its
# Windows-1252 character); a few letters have a byte of their own.
VNI_MARKS = {  # mark for lower-case base, mark for upper-case base
    "acute": ("ù", "Ù"),
    "grave": ("ø", "Ø"),
    "hook": ("û", "Û"),
    "tilde": ("õ", "Õ"),
    "dot": ("ï", "Ï"),
}
VNI_HAT_MARKS = {  # after â ê ô (the hat itself is "â"/"Â")
    "": ("â", "Â"),
    "acute": ("á", "Á"),
    "grave": ("à", "À"),
    "hook": ("å", "Å"),
    "tilde": ("ã", "Ã"),
    "dot": ("ä", "Ä"),
}
VNI_BREVE_MARKS = {  # after ă (the breve itself is "ê"/"Ê")
    "": ("ê", "Ê"),
    "acute": ("é", "É"),
    "grave": ("è", "È"),
    "hook": ("ú", "Ú"),
    "tilde": ("ü", "Ü"),
    "dot": ("ë", "Ë"),
}
VNI_SINGLE = {
    "í": "í",
    "ì": "ì",
    "ỉ": "æ",
    "ĩ": "ó",
    "ị": "ò",
    "Í": "Í",
    "Ì": "Ì",
    "Ỉ": "Æ",
    "Ĩ": "Ó",
    "Ị": "Ò",
    "ơ": "ô",
    "Ơ": "Ô",
    "ư": "ö",
    "Ư": "Ö",
    "ỵ": "î",
    "Ỵ": "Î",
    "đ": "ñ",
    "Đ": "Ñ",
}
COMBINING = {
    "acute": "\u0301",
    "grave": "\u0300",
    "hook": "\u0309",
    "tilde": "\u0303",
    "dot": "\u0323",
    "": "",
}


def vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(unicode_letter: str, vni: str) -> None:
        key = vni.encode("cp1252").hex()
        assert key not in table, (unicode_letter, vni)
        table[key] = unicodedata.normalize("NFC", unicode_letter)

    for uni, vni in VNI_SINGLE.items():
        add(uni, vni)
    for base in "aeouy":
        for case in (0, 1):
            b = base.upper() if case else base
            for tone, marks in VNI_MARKS.items():
                if base == "y" and tone == "dot":
                    continue  # ỵ has a byte of its own ("î")
                add(b + COMBINING[tone], b + marks[case])
    for base in "aeo":  # hat: â ê ô
        for case in (0, 1):
            b = base.upper() if case else base
            for tone, marks in VNI_HAT_MARKS.items():
                add(b + "\u0302" + COMBINING[tone], b + marks[case])
    for case in (0, 1):  # breve: ă
        b = "A" if case else "a"
        for tone, marks in VNI_BREVE_MARKS.items():
            add(b + "\u0306" + COMBINING[tone], b + marks[case])
    for base, uni_base in (("ô", "ơ"), ("ö", "ư"), ("Ô", "Ơ"), ("Ö", "Ư")):
        case = 1 if base.isupper() else 0
        for tone, marks in VNI_MARKS.items():
            add(uni_base + COMBINING[tone], base + marks[case])
    return table


def charmap_table(name: str) -> dict[str, str]:
    line_re = re.compile(r"^<U([0-9A-F]{4,6})>\s+/x([0-9a-f]{2})\s")
    table = {}
    with gzip.open(CHARMAPS / f"{name}.gz", "rt", encoding="ascii", errors="replace") as f:
        for line in f:
            m = line_re.match(line)
            if not m:
                continue
            char, byte = chr(int(m.group(1), 16)), int(m.group(2), 16)
            if 0x20 <= byte < 0x7F or char == chr(byte):
                continue
            table[f"{byte:02x}"] = char
    return table


def main() -> None:
    data = {
        "tcvn3": {
            "source": "glibc localedata/charmaps/TCVN5712-1 (TCVN 5712:1993 VN1; ABC/.VnTime)",
            "decode": charmap_table("TCVN5712-1"),
        },
        "viscii": {
            "source": "glibc localedata/charmaps/VISCII (RFC 1456)",
            "decode": charmap_table("VISCII"),
        },
        "vni": {
            "source": "VNI-Windows font layout; checked against duydev/vietnamese-conversion (MIT)",
            "decode": vni_table(),
        },
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
