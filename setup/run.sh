#!/usr/bin/env bash
# Sets everything up and serves Odoo on http://localhost:8069 with a demo
# database holding the four addons and their demo data. The database is built
# on the first run and updated when the addons' files change (edited, new or
# deleted files, staged or not).
#
# Usage: setup/run.sh [--dev=MODES]   e.g. --dev=xml,reload: Odoo's developer
# mode (views read from the XML files, server restarts on Python changes).
#
# Environment: ODOO_PATH (Odoo 18 source tree, remembered), PG* (PostgreSQL),
# PRM_DB_USER (role Odoo uses, default odoo), PRM_DEMO_DB (default prm_demo),
# PRM_HTTP_PORT (default 8069), PRM_HTTP_INTERFACE (default 127.0.0.1).
set -euo pipefail
# shellcheck source=setup/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$PRM_ROOT"

dev_opt=()
for arg in "$@"; do
    case "$arg" in
        --dev=*) dev_opt=("$arg") ;;
        --dev) dev_opt=("--dev=xml,reload") ;;
        -h | --help) sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) prm_die "unknown option: $arg (see setup/run.sh --help)" ;;
    esac
done

prm_setup_all || { prm_odoo_help; exit 1; }
prm_setup_debian_packages
prm_write_config
db="${PRM_DEMO_DB:-prm_demo}"
port="${PRM_HTTP_PORT:-8069}"

# Rebuild when the database is missing, update when our addons changed.
stamp_file="$PRM_STATE/demo-$db.stamp"
stamp=$(prm_addons_hash "$PRM_ADDONS" demo)
if [ "$(prm_installed_count "$db")" != "${#PRM_ADDON_DIRS[@]}" ]; then
    prm_install_db "$db" "$PRM_ADDONS" demo || prm_log "The install log above has warnings; serving anyway"
    echo "$stamp" > "$stamp_file"
elif [ "$(cat "$stamp_file" 2>/dev/null)" != "$stamp" ]; then
    prm_log "Addons changed since the last run: updating $db"
    prm_odoo -d "$db" -u "$PRM_ADDONS" --stop-after-init --log-level=warn
    echo "$stamp" > "$stamp_file"
fi

cat <<EOF

  PRM suite demo: http://localhost:$port/web/login   (database $db)

  Internal manager (backend, PRM Manager):   admin / admin
  Portal partner user (portal at /my):       partner@prm-demo.example / partner

  Stop with Ctrl+C.
EOF
exec "$PY" -m odoo -c "$PRM_CONF" -d "$db" --db-filter="^$db\$" --http-port="$port" --max-cron-threads=1 "${dev_opt[@]}"
