#!/usr/bin/env bash
# Runs the benchmark scripts (tests/bench_*.py) against a fresh database with
# the four addons installed (no demo data). Each script prints its numbers;
# they roll back what they create. Usage: setup/bench.sh [bench_name ...]
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
        # bench_common.py is the harness the scripts import, not a benchmark
        [ "$script" = tests/bench_common.py ] || scripts+=("$script")
    done
fi
status=0
for script in "${scripts[@]}"; do
    script="${script%.py}.py"
    echo "=== $script"
    "$PY" "$script" -c "$PRM_CONF" -d "$db" || { echo "FAILED: $script"; status=1; }
done
exit "$status"
