# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Whether a contact may register for a partner event, and why not."""

ALREADY = "already"
FULL = "full"
CLOSED = "closed"
#: why a registration is refused, most telling first
ERRORS = (ALREADY, FULL, CLOSED)


def registration_error(registrations_open, sold_out, already_registered):
    """The code of what stops the registration, or None when it may go on."""
    if already_registered:
        return ALREADY
    if sold_out:
        return FULL
    if not registrations_open:
        return CLOSED
    return None
