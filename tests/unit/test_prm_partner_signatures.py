# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an agreement signature may be: signer name and image data."""

import base64

import pytest
from conftest import load_logic

sig = load_logic("prm_partner").signatures

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Lê Thu Hà", "Lê Thu Hà"),
        ("  Lan A \n", "Lan A"),
        ("x" * 128, "x" * 128),
        ("x" * 129, None),
        ("", None),
        ("   ", None),
        ("Lan\x00A", None),
        ("Lan\x1bA", None),
        (123, None),
        (["Lan"], None),
        ({"name": "Lan"}, None),
        (None, None),
        (False, None),
    ],
)
def test_clean_name(value, expected):
    assert sig.clean_name(value) == expected


@pytest.mark.parametrize(
    "raw, kind",
    [(PNG, "png"), (JPEG, "jpeg"), (b"GIF89a...", None), (b"\x89PNG", None)],
)
def test_image_kind(raw, kind):
    assert sig.image_kind(raw) == kind


def test_decode_image_accepts_png_and_jpeg_text_or_bytes():
    for raw in (PNG, JPEG):
        text = base64.b64encode(raw).decode()
        assert sig.decode_image(text) == (raw, None)
        assert sig.decode_image(text.encode()) == (raw, None)
        # line breaks of wrapped base64 are ignored
        wrapped = "\n".join(text[i : i + 16] for i in range(0, len(text), 16))
        assert sig.decode_image(wrapped) == (raw, None)


@pytest.mark.parametrize(
    "value",
    [
        base64.b64encode(b"\x89PNG fake image").decode(),
        base64.b64encode(b"GIF89a" + b"\x00" * 20).decode(),
        base64.b64encode(b"hello").decode(),
        "not base64 at all!",
        "data:image/png;base64," + base64.b64encode(PNG).decode(),
        "",
        b"\xff\xfe",
        123,
        ["iVBORw0KGgo="],
        None,
    ],
)
def test_decode_image_refuses_what_is_not_an_image(value):
    assert sig.decode_image(value) == (None, sig.INVALID)


def test_decode_image_refuses_large_data_before_decoding():
    big = PNG + b"\x00" * sig.MAX_IMAGE_BYTES
    assert sig.decode_image(base64.b64encode(big).decode()) == (None, sig.TOO_LARGE)
    # even when it is not base64 at all: never decoded
    assert sig.decode_image("!" * (sig.MAX_IMAGE_BYTES * 2)) == (None, sig.TOO_LARGE)
    at_limit = PNG + b"\x00" * (sig.MAX_IMAGE_BYTES - len(PNG))
    assert sig.decode_image(base64.b64encode(at_limit).decode()) == (at_limit, None)


@pytest.mark.parametrize(
    "width, height, ok",
    [(1, 1, True), (4000, 4000, True), (4001, 10, False), (10, 4001, False)],
)
def test_fits(width, height, ok):
    assert sig.fits(width, height) is ok
