# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Translation hook for the texts built by the logic package."""


class Translator:
    """Carries a translation function as its ``_`` method.

    The logic stays free of any framework: the caller passes the function
    that returns the translated template of a source text (or nothing, to keep
    English). Texts are marked as ``translator._("...")`` so that the
    translation export finds them.
    """

    def __init__(self, function=None):
        self.function = function

    def _(self, source):
        return self.function(source) if self.function else source


def as_translator(value):
    """Accept a :class:`Translator`, a plain function or ``None``."""
    if isinstance(value, Translator):
        return value
    return Translator(value)
