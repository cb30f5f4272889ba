"""Build each addon's README.rst and static/description/index.html from its
readme/ fragments (DESCRIPTION.md, CONFIGURE.md, USAGE.md, CONTRIBUTORS.md), as
OCA's readme generator does, with no dependency beyond the standard library.

Usage: gen_readme.py [--check] ADDON_DIR...
With --check nothing is written; the exit code says whether a file is stale.
"""

import ast
import html
import pathlib
import re
import sys

SECTIONS = (
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("CONTRIBUTORS.md", "Contributors"),
)
INLINE_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
# A picture on a line of its own, from the addon or relative to readme/:
# ![Caption](static/description/x.png) or ![Caption](../static/description/x.png)
IMAGE = re.compile(r"^!\[([^\]]*)\]\((?:\.\./)?(static/description/[^)\s]+)\)$")
INLINE_CODE = re.compile(r"`([^`]+)`")


def blocks(markdown):
    """Split markdown into ("p", text), ("ul"/"ol", [items]) and ("img",
    (caption, path from the addon)) blocks."""
    result, para, items, kind = [], [], [], None

    def flush():
        nonlocal para, items, kind
        if para:
            result.append(("p", " ".join(para)))
        if items:
            result.append((kind, items))
        para, items, kind = [], [], None

    for raw in markdown.splitlines():
        line = raw.strip()
        bullet = re.match(r"^([-*]|\d+\.)\s+(.*)$", line)
        image = IMAGE.match(line)
        if not line:
            flush()
        elif image:
            flush()
            result.append(("img", image.groups()))
        elif bullet:
            if para:
                flush()
            kind = kind or ("ol" if bullet.group(1)[0].isdigit() else "ul")
            items.append(bullet.group(2))
        elif items:
            items[-1] += " " + line
        else:
            para.append(line)
    flush()
    return result


def to_rst_inline(text):
    text = INLINE_CODE.sub(r"``\1``", text)
    return INLINE_LINK.sub(r"`\1 <\2>`_", text)


def to_html_inline(text):
    text = html.escape(text, quote=False)
    text = INLINE_LINK.sub(r'<a href="\2">\1</a>', text)
    text = INLINE_CODE.sub(r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", text)


def manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))


def render(addon):
    info = manifest(addon)
    title = info["name"]
    rst = ["=" * len(title), title, "=" * len(title), "", info["summary"], ""]
    body = [f"<h1>{html.escape(title)}</h1>", f"<p>{html.escape(info['summary'])}</p>"]
    for filename, heading in SECTIONS:
        path = addon / "readme" / filename
        if not path.exists():
            continue
        if heading:
            rst += [heading, "=" * len(heading), ""]
            body.append(f"<h2>{heading}</h2>")
        for kind, content in blocks(path.read_text(encoding="utf-8")):
            if kind == "p":
                rst += [to_rst_inline(content), ""]
                body.append(f"<p>{to_html_inline(content)}</p>")
            elif kind == "img":
                caption, image = content
                rst += [f".. image:: {image}", f"   :alt: {caption}", ""]
                # index.html lives in static/description, next to the pictures
                src = html.escape(image.removeprefix("static/description/"))
                body.append(
                    f'<p><img src="{src}" alt="{html.escape(caption)}" '
                    'class="img-fluid" /></p>'
                )
            else:
                mark = "-" if kind == "ul" else "#."
                rst += [f"{mark} {to_rst_inline(item)}" for item in content] + [""]
                lis = "".join(f"<li>{to_html_inline(item)}</li>" for item in content)
                body.append(f"<{kind}>{lis}</{kind}>")
    rst += ["License", "=======", "", info["license"], ""]
    page = (
        '<section class="oe_container">\n<div class="oe_row oe_spaced">\n'
        + "\n".join(body)
        + "\n</div>\n</section>\n"
    )
    return "\n".join(rst), page


def main(argv):
    check = "--check" in argv
    stale = []
    for name in (a for a in argv[1:] if a != "--check"):
        addon = pathlib.Path(name)
        rst, page = render(addon)
        for path, text in (
            (addon / "README.rst", rst),
            (addon / "static" / "description" / "index.html", page),
        ):
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
                if not check:
                    path.write_text(text, encoding="utf-8")
    if check and stale:
        print("Stale, run setup/gen_readme.py:", *stale, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
