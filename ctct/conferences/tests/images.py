"""Small real images for upload tests, made with Pillow."""

from __future__ import annotations

import io


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()
