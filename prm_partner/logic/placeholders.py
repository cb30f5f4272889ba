# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Agreement texts from templates: field placeholders filled in.

A template is HTML with two QWeb directives on field placeholders such as
``object.partner_id.vat``:

- ``t-out="expr"``: the element's content becomes the value (as text); its
  own content is the default shown when the value is empty. A ``<t>`` element
  leaves the value alone.
- ``t-if="expr"``: the element stays only when the value is set, so that
  "(tax ID <t t-out="object.partner_id.vat"/>)" disappears for a partner
  without one; a ``<t>`` element leaves its content alone.

Any other ``t-`` attribute makes the template one for Odoo's QWeb engine.
"""

import html
from html.parser import HTMLParser

DIRECTIVES = ("t-out", "t-if")
VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.expressions = set()
        self.other = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not name.startswith("t-"):
                continue
            if name in DIRECTIVES and value and value.strip():
                self.expressions.add(value.strip())
            else:
                self.other = True


def expressions(body):
    """The placeholder expressions of ``body``, or None when it holds any
    other QWeb directive."""
    scanner = _Scanner()
    scanner.feed(body or "")
    scanner.close()
    return None if scanner.other else scanner.expressions


class _Filler(HTMLParser):
    def __init__(self, texts, conditions):
        super().__init__(convert_charrefs=True)
        self.texts = texts
        self.conditions = conditions
        self.parts = []
        self.stack = []  # (tag, whether its end tag is written)
        self.skipping = 0  # depth inside content that is not written

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            self.skipping += tag not in VOID_TAGS
            return
        found = dict(attrs)
        condition = (found.get("t-if") or "").strip()
        if condition and not self.conditions.get(condition):
            if tag not in VOID_TAGS:
                self.stack.append((tag, False))
                self.skipping = 1
            return
        if tag != "t":
            kept = "".join(
                f" {name}" if value is None else f' {name}="{html.escape(value)}"'
                for name, value in attrs
                if name not in DIRECTIVES
            )
            self.parts.append(f"<{tag}{kept}>")
        if tag in VOID_TAGS:
            return
        self.stack.append((tag, tag != "t"))
        placeholder = (found.get("t-out") or "").strip()
        text = self.texts.get(placeholder) if placeholder else None
        if text:
            self.parts.append(html.escape(text, quote=False))
            self.skipping = 1  # the default content

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if self.skipping > 1:
            self.skipping -= 1
            return
        self.skipping = 0
        if self.stack:
            open_tag, written = self.stack.pop()
            if written:
                self.parts.append(f"</{open_tag}>")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(html.escape(data, quote=False))

    def handle_comment(self, data):
        if not self.skipping:
            self.parts.append(f"<!--{data}-->")


def fill(body, texts, conditions):
    """``body`` with its placeholders filled: ``texts`` maps an expression to
    its text ('' when empty), ``conditions`` to whether its value is set."""
    filler = _Filler(texts, conditions)
    filler.feed(body or "")
    filler.close()
    return "".join(filler.parts)
