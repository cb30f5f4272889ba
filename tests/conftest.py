"""Helpers for the top-level pure-Python tests.

``load_logic(addon)`` imports ``<addon>/logic`` (plain Python business rules)
without importing the addon itself, so these tests run with no Odoo at all.
"""

import importlib
import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


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
