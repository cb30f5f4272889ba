"""README.rst and index.html generation from readme/ fragments."""

import importlib.util
import pathlib

SETUP = pathlib.Path(__file__).resolve().parents[2] / "setup"
spec = importlib.util.spec_from_file_location(
    "_prm_gen_readme", SETUP / "gen_readme.py"
)
gen_readme = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen_readme)


def _addon(tmp_path):
    addon = tmp_path / "prm_x"
    (addon / "readme").mkdir(parents=True)
    (addon / "static" / "description").mkdir(parents=True)
    (addon / "__manifest__.py").write_text(
        '{"name": "PRM X", "summary": "Does x", "license": "LGPL-3"}'
    )
    (addon / "readme" / "DESCRIPTION.md").write_text(
        "First `line`\ncontinues.\n\n- one <b>\n- two [link](https://example.com)\n"
    )
    (addon / "readme" / "USAGE.md").write_text("1. open\n2. click\n")
    return addon


def test_blocks_split_paragraphs_and_lists():
    assert gen_readme.blocks("a\nb\n\n- x\n  y\n- z\n\n1. n\n") == [
        ("p", "a b"),
        ("ul", ["x y", "z"]),
        ("ol", ["n"]),
    ]


def test_render_writes_rst_and_escaped_html(tmp_path):
    addon = _addon(tmp_path)
    assert gen_readme.main(["gen", str(addon)]) == 0
    rst = (addon / "README.rst").read_text()
    assert rst.startswith("=====\nPRM X\n=====\n\nDoes x\n")
    assert "First ``line`` continues." in rst
    assert "- two `link <https://example.com>`_" in rst
    assert "Usage\n=====\n\n#. open\n#. click" in rst
    page = (addon / "static" / "description" / "index.html").read_text()
    assert "<li>one &lt;b&gt;</li>" in page
    assert '<a href="https://example.com">link</a>' in page


def test_check_reports_stale_files_without_writing(tmp_path):
    addon = _addon(tmp_path)
    assert gen_readme.main(["gen", "--check", str(addon)]) == 1
    assert not (addon / "README.rst").exists()
    gen_readme.main(["gen", str(addon)])
    assert gen_readme.main(["gen", "--check", str(addon)]) == 0
    (addon / "readme" / "USAGE.md").write_text("changed\n")
    assert gen_readme.main(["gen", "--check", str(addon)]) == 1


def test_pictures_on_their_own_line(tmp_path):
    addon = _addon(tmp_path)
    (addon / "readme" / "USAGE.md").write_text(
        "Open it.\n\n![The partner form](../static/description/form.png)\n"
        "inline ![not a picture](x.png) stays text\n"
    )
    assert gen_readme.main(["gen", str(addon)]) == 0
    rst = (addon / "README.rst").read_text()
    assert ".. image:: static/description/form.png\n   :alt: The partner form\n" in rst
    page = (addon / "static" / "description" / "index.html").read_text()
    assert '<img src="form.png" alt="The partner form" class="img-fluid" />' in page
    assert "inline !" in page


def test_screenshots(tmp_path):
    addon = _addon(tmp_path)
    (addon / "readme" / "USAGE.md").write_text(
        "Text.\n\n![The dashboard](static/description/dashboard.png)\n"
    )
    assert gen_readme.blocks("a\n![x](static/description/y.png)\nb\n") == [
        ("p", "a"),
        ("img", ("x", "static/description/y.png")),
        ("p", "b"),
    ]
    gen_readme.main(["gen", str(addon)])
    rst = (addon / "README.rst").read_text()
    image = ".. image:: static/description/dashboard.png\n   :alt: The dashboard\n"
    assert image in rst
    page = (addon / "static" / "description" / "index.html").read_text()
    assert '<img src="dashboard.png" alt="The dashboard"' in page
