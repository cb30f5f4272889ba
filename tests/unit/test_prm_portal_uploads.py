# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from conftest import load_logic

uploads = load_logic("prm_portal").uploads


def test_accepted_files():
    assert uploads.check_file("proof.pdf", b"%PDF-1.7 ...") is None
    assert uploads.check_file("PHOTO.JPG", b"\xff\xd8\xff\xe0 ...") is None
    assert uploads.check_file("shot.png", b"\x89PNG\r\n") is None


def test_refused_files():
    assert uploads.check_file("proof.pdf", b"") == "empty"
    assert uploads.check_file("proof.exe", b"MZ...") == "type"
    # a renamed file: the content is not a PDF
    assert uploads.check_file("proof.pdf", b"<html>") == "type"
    assert uploads.check_file("big.pdf", b"%PDF" + b"0" * 20, max_size=10) == "too_big"
    assert uploads.mimetype("a.jpeg") == "image/jpeg"
