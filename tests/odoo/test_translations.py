"""Vietnamese is part of done: every translatable term of each addon, as Odoo
itself exports it from the installed database, is in the addon's committed
i18n/<addon>.pot, and i18n/vi.po translates every one of them."""

import pathlib

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

from odoo.addons.prm_partner.tests.common import SUITE_MODULES as SUITE

ROOT = pathlib.Path(__file__).resolve().parents[2]


# Outside odoo.addons, Odoo assigns no default tags: set them.
@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def _exported_terms(self, module):
        reader = TranslationModuleReader(self.env.cr, modules=[module], lang=None)
        return {row[4] for row in reader if row[0] == module}

    def test_pot_files_hold_every_exported_term(self):
        for module in SUITE:
            with self.subTest(module=module):
                pot = polib.pofile(str(ROOT / module / "i18n" / f"{module}.pot"))
                missing = self._exported_terms(module) - {e.msgid for e in pot}
                self.assertFalse(
                    missing,
                    f"{module}: {len(missing)} terms missing from the .pot "
                    f"(re-export it), e.g. {sorted(missing)[:5]}",
                )

    def test_vietnamese_translates_every_term(self):
        for module in SUITE:
            with self.subTest(module=module):
                pot = polib.pofile(str(ROOT / module / "i18n" / f"{module}.pot"))
                vi = polib.pofile(str(ROOT / module / "i18n" / "vi.po"))
                done = {
                    e.msgid
                    for e in vi
                    if not e.obsolete and "fuzzy" not in e.flags and e.msgstr.strip()
                }
                missing = {e.msgid for e in pot} - done
                self.assertFalse(
                    missing,
                    f"{module}: {len(missing)} terms without a Vietnamese "
                    f"translation, e.g. {sorted(missing)[:5]}",
                )
