# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an agreement signature may be: the signer's typed name and a small
PNG or JPEG image sent as base64."""

import base64
import binascii
import unicodedata

#: Longest signer name, in characters.
MAX_NAME_LENGTH = 128
#: Largest decoded signature image, in bytes.
MAX_IMAGE_BYTES = 512 * 1024
#: Largest side of a signature image, in pixels.
MAX_IMAGE_SIDE = 4000

#: Leading bytes of the accepted image formats.
MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}

#: Reasons a signature is refused (see :func:`decode_image`).
INVALID = "invalid"
TOO_LARGE = "too_large"


def clean_name(value):
    """The signer name without surrounding spaces, or ``None`` when it is not
    text, empty, longer than :data:`MAX_NAME_LENGTH` or holds control
    characters."""
    if not isinstance(value, str):
        return None
    name = value.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        return None
    if any(unicodedata.category(char) == "Cc" for char in name):
        return None
    return name


def image_kind(raw):
    """``"png"`` or ``"jpeg"`` from the leading bytes of ``raw``, else ``None``."""
    for magic, kind in MAGIC.items():
        if raw.startswith(magic):
            return kind
    return None


def decode_image(value):
    """``(raw bytes, None)`` for base64 text (str or ASCII bytes) of a PNG or
    JPEG image of at most :data:`MAX_IMAGE_BYTES`, else ``(None, reason)``.
    Oversized input is refused before it is decoded."""
    if isinstance(value, bytes):
        try:
            value = value.decode("ascii")
        except UnicodeDecodeError:
            return None, INVALID
    if not isinstance(value, str):
        return None, INVALID
    text = "".join(value.split())
    if len(text) > 4 * (-(-MAX_IMAGE_BYTES // 3)):
        return None, TOO_LARGE
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None, INVALID
    if not raw or image_kind(raw) is None:
        return None, INVALID
    if len(raw) > MAX_IMAGE_BYTES:
        return None, TOO_LARGE
    return raw, None


def fits(width, height):
    """Whether an image of ``width`` x ``height`` pixels is a sane signature."""
    return 0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE
