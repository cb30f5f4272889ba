#!/usr/bin/env bash
# Runs the benchmark scripts (tests/bench_*.py) against a fresh database with
# the four addons installed (no demo data). Each script prints its numbers;
# they roll back what they create, but for bench_portal_load.py, which starts
# an Odoo server with --workers 2 on port PRM_BENCH_LOAD_PORT (default 8371)
# and keeps its portal users (it runs last). Usage: setup/bench.sh [bench_name ...]
set -euo pipefail
# shellcheck source=setup/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$PRM_ROOT"

prm_setup_all || { prm_odoo_help; exit 1; }
PRM_HTTP_PORT=${PRM_BENCH_HTTP_PORT:-8269} prm_write_config
db="${PRM_BENCH_DB:-prm_bench}"
prm_install_db "$db" "$PRM_ADDONS" nodemo

if [ "$#" -gt 0 ]; then
    scripts=()
    for name in "$@"; do scripts+=("tests/bench_${name#bench_}"); done
else
    scripts=()
    for script in tests/bench_*.py; do
        # bench_common.py is the harness the scripts import, not a benchmark;
        # the portal load keeps its portal users in the database: it runs last
        case "$script" in
            tests/bench_common.py | tests/bench_portal_load.py) ;;
            *) scripts+=("$script") ;;
        esac
    done
    scripts+=(tests/bench_portal_load.py)
fi
status=0
for script in "${scripts[@]}"; do
    script="${script%.py}.py"
    echo "=== $script"
    "$PY" "$script" -c "$PRM_CONF" -d "$db" || { echo "FAILED: $script"; status=1; }
done
exit "$status"
