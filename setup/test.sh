#!/usr/bin/env bash
# Sets everything up and runs every test of the suite; exits non-zero on any
# failure. Steps: lint, fresh database with the four addons (no demo) and
# their Odoo tests through pytest-odoo, cross-addon tests, a second database
# with demo data and Odoo's website_crm_partner_assign (demo data loads, the
# two coexist), wheel builds, then the pure-Python tests. Any install log line
# at WARNING or above fails the run.
#
# Environment: ODOO_PATH (Odoo 18 source tree, remembered), PG* (PostgreSQL),
# PRM_DB_USER (role Odoo uses, default odoo), PRM_TEST_HTTP_PORT (default 8169),
# PRM_SKIP_LINT=1 to skip the linters while iterating.
set -uo pipefail
# shellcheck source=setup/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$PRM_ROOT" || exit 1

FAILED_STEPS=()
REPORTS="$PRM_STATE/reports"
rm -rf "$REPORTS"
mkdir -p "$REPORTS"
step_failed() { FAILED_STEPS+=("$1"); prm_log "FAILED: $1"; }

# 1. Lint (ruff, pylint-odoo, OCA hooks): findings fail the run.
if [ "${PRM_SKIP_LINT:-0}" != 1 ]; then
    prm_setup_tools
    prm_log "Lint: ruff, pylint-odoo, oca-odoo-pre-commit-hooks"
    addon_dirs=(prm_partner prm_commission prm_training prm_portal)
    "$TOOLS_BIN/ruff" check . || step_failed "ruff check"
    "$TOOLS_BIN/ruff" format --check . || step_failed "ruff format"
    "$TOOLS_BIN/pylint" --rcfile=.pylintrc "${addon_dirs[@]}" || step_failed "pylint-odoo"
    "$TOOLS_BIN/oca-checks-odoo-module" "${addon_dirs[@]/%//__manifest__.py}" >"$PRM_STATE/oca-module.log" 2>&1 \
        || { cat "$PRM_STATE/oca-module.log"; step_failed "oca-checks-odoo-module"; }
    "$TOOLS_BIN/python" setup/gen_readme.py --check "${addon_dirs[@]}" || step_failed "README.rst/index.html"
    mapfile -t po_files < <(git ls-files '*.po' '*.pot')
    if [ "${#po_files[@]}" -gt 0 ]; then
        "$TOOLS_BIN/oca-checks-po" "${po_files[@]}" || step_failed "oca-checks-po"
    fi
fi

ODOO_NOTE=""
if prm_setup_all; then
    prm_setup_debian_packages
    PRM_HTTP_PORT=${PRM_TEST_HTTP_PORT:-8169} prm_write_config
    PYTEST_ODOO=("$PY" -m pytest -p no:cacheprovider --odoo-config "$PRM_CONF" --odoo-http -rs)
    test_db="${PRM_TEST_DB:-prm_test}"
    demo_db="${PRM_TEST_DB:-prm_test}_demo"

    # 2. Fresh database, the four addons without demo data, their own tests.
    if prm_install_db "$test_db" "$PRM_ADDONS" nodemo; then
        prm_log "Odoo tests of the four addons (pytest-odoo, --odoo-http)"
        "${PYTEST_ODOO[@]}" --odoo-database "$test_db" --junitxml="$REPORTS/addons.xml" \
            prm_partner/tests prm_commission/tests prm_training/tests prm_portal/tests \
            || step_failed "addon tests"
        prm_log "Cross-addon tests (tests/odoo)"
        "${PYTEST_ODOO[@]}" --odoo-database "$test_db" --junitxml="$REPORTS/cross.xml" \
            tests/odoo || step_failed "cross-addon tests"
    else
        step_failed "install of $PRM_ADDONS without demo data"
    fi

    # 3. Demo data loads, next to Odoo's own partner assignment addon.
    if prm_install_db "$demo_db" "$PRM_ADDONS,website_crm_partner_assign" demo; then
        "${PYTEST_ODOO[@]}" --odoo-database "$demo_db" --junitxml="$REPORTS/demo.xml" \
            tests/odoo_demo || step_failed "demo/coexistence tests"
    else
        step_failed "install with demo data and website_crm_partner_assign"
    fi
    [ -n "$PRM_CHROME_NOTE" ] && ODOO_NOTE=" ($PRM_CHROME_NOTE)"
else
    prm_odoo_help
    ODOO_NOTE="no Odoo 18 source tree: set ODOO_PATH"
    prm_setup_venv
fi

# 4. Every addon builds as a wheel (and the metapackage).
if [ "${PRM_SKIP_LINT:-0}" != 1 ]; then
    prm_log "Building wheels"
    wheels="$PRM_STATE/wheels"
    rm -rf "$wheels"
    for dir in prm_partner prm_commission prm_training prm_portal setup/_metapackage; do
        "$TOOLS_BIN/python" -m build --wheel --no-isolation --outdir "$wheels" "$dir" \
            >"$PRM_STATE/build.log" 2>&1 || { tail -20 "$PRM_STATE/build.log"; step_failed "wheel $dir"; }
    done
    ls "$wheels" >&2 2>/dev/null
fi

# 5. Pure-Python tests (business rules, setup scripts): no Odoo needed.
prm_log "Pure-Python tests (tests/unit)"
"$PY" -m pytest -p no:cacheprovider -p no:odoo -q --junitxml="$REPORTS/unit.xml" tests/unit \
    || step_failed "pure-Python tests"

echo
"$PY" "$PRM_ROOT/setup/summary.py" "$REPORTS"
if [ -z "$ODOO_PATH" ]; then
    cat <<EOF
**************************************************************************
*  ODOO SUITE DID NOT RUN: $ODOO_NOTE
*  Only the pure-Python tests ran. See README.md to provide Odoo 18.
**************************************************************************
EOF
else
    echo "Odoo suite: ran on Odoo 18 at $ODOO_PATH (databases $test_db and $demo_db)$ODOO_NOTE"
fi
if [ "${#FAILED_STEPS[@]}" -gt 0 ]; then
    printf 'FAILED steps: %s\n' "$(IFS=';'; echo "${FAILED_STEPS[*]}")"
    exit 1
fi
exit 0
