# Copyright 2026 PRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Limits of the files partners upload (proofs of performance)."""

import os

#: extension -> media types a browser may send for it
ALLOWED = {
    ".pdf": ("application/pdf",),
    ".png": ("image/png",),
    ".jpg": ("image/jpeg",),
    ".jpeg": ("image/jpeg",),
}
MAX_SIZE = 10 * 1024 * 1024
MAX_FILES = 10

# the first bytes of each kind of file
_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


def check_file(filename, content, max_size=MAX_SIZE):
    """Error code for one uploaded file, ``None`` when it is accepted:
    ``empty``, ``too_big`` or ``type`` (extension or content not allowed)."""
    extension = os.path.splitext(filename or "")[1].lower()
    if not content:
        return "empty"
    if len(content) > max_size:
        return "too_big"
    if extension not in ALLOWED:
        return "type"
    if not content.startswith(_SIGNATURES[extension]):
        return "type"
    return None


def mimetype(filename):
    extension = os.path.splitext(filename or "")[1].lower()
    return ALLOWED.get(extension, ("application/octet-stream",))[0]
