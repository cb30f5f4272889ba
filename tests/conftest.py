"""Helpers for the top-level pure-Python tests.

``load_logic(addon)`` imports ``<addon>/logic`` (plain Python business rules)
without importing the addon itself, so these tests run with no Odoo at all.

The logic of one addon may use prm_partner's (every addon depends on it) the
way Odoo imports it, ``from odoo.addons.prm_partner.logic import dates``.
When Odoo is not loaded, ``odoo.addons.<addon>`` stand for bare packages over
the addon folders: their ``logic`` imports from the files, their
``__init__`` (the models) never runs.
"""

import importlib
import importlib.util
import pathlib
import sys
import types

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _package(name, path=()):
    module = types.ModuleType(name)
    module.__path__ = [str(folder) for folder in path]
    sys.modules[name] = module
    return module


if "odoo" not in sys.modules:
    _package("odoo").addons = _package("odoo.addons")
    for _init in sorted(ROOT.glob("prm_*/__init__.py")):
        _addon = _init.parent
        setattr(
            sys.modules["odoo.addons"],
            _addon.name,
            _package(f"odoo.addons.{_addon.name}", [_addon]),
        )


def load_logic(addon):
    name = f"_prm_logic_{addon}"
    if name in sys.modules:
        return sys.modules[name]
    init = ROOT / addon / "logic" / "__init__.py"
    spec = importlib.util.spec_from_file_location(
        name, init, submodule_search_locations=[str(init.parent)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_logic_module(addon, submodule):
    load_logic(addon)
    return importlib.import_module(f"_prm_logic_{addon}.{submodule}")
