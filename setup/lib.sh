# shellcheck shell=bash
# Shared set-up for setup/run.sh and setup/test.sh: finds Odoo 18, prepares a
# Python virtual environment, PostgreSQL and Chromium. Source it, then call
# prm_setup_all (or the single steps). Every step is idempotent and cheap when
# nothing changed, so both commands can always call it.

PRM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The suite's addons, in dependency order: the one list every script derives
# from (PRM_ADDON_DIRS is the same list as a bash array).
PRM_ADDONS="prm_partner,prm_commission,prm_training,prm_portal"
IFS=, read -ra PRM_ADDON_DIRS <<< "$PRM_ADDONS"
PRM_CONFIG_HOME="${XDG_CONFIG_HOME:-$HOME/.config}/prm-suite"
PRM_CACHE_HOME="${XDG_CACHE_HOME:-$HOME/.cache}/prm-suite"
PRM_PYTHON="${PRM_PYTHON:-python3}"
# Odoo connects with this role; never the PostgreSQL superuser "postgres".
PRM_DB_USER="${PRM_DB_USER:-odoo}"
# Local, per-clone state (odoo.conf, logs): ignored by git.
PRM_STATE="$PRM_ROOT/.prm"
ODOO_GIT_URL="${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}"

prm_log() { printf '[prm] %s\n' "$*" >&2; }
prm_die() { printf '[prm] ERROR: %s\n' "$*" >&2; exit 1; }

# An Odoo 18 source tree has odoo/release.py announcing series 18.0 and the
# community addons (either a git checkout with addons/ or the packaged layout).
_prm_is_odoo18() {
    local dir=$1
    [ -f "$dir/odoo/release.py" ] || return 1
    grep -Eq '^version_info = \(18, 0,' "$dir/odoo/release.py" || return 1
    [ -d "$dir/odoo/addons/base" ] || return 1
}

_prm_odoo_addons_dirs() {
    local dir=$1 out
    out="$dir/odoo/addons"
    [ -d "$dir/addons/web" ] && out="$dir/addons,$out"
    printf '%s' "$out"
}

# Folder where pip puts the OCA addons of requirements-oca.txt (odoo/addons
# of the venv's site-packages); empty when none is installed.
_prm_oca_addons_dir() {
    local site
    site=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') || return 0
    if [ -d "$site/odoo/addons" ]; then printf '%s' "$site/odoo/addons"; fi
}

# Sets ODOO_PATH. Order: $ODOO_PATH, the path remembered by an earlier run,
# a clone cached by an earlier run, a fresh shallow clone. Returns 1 when none.
prm_find_odoo() {
    local remembered="$PRM_CONFIG_HOME/odoo-path" cached="$PRM_CACHE_HOME/odoo-18.0"
    if [ -n "${ODOO_PATH:-}" ]; then
        ODOO_PATH=$(cd "$ODOO_PATH" 2>/dev/null && pwd) || prm_die "ODOO_PATH does not exist: $ODOO_PATH"
        _prm_is_odoo18 "$ODOO_PATH" || prm_die "ODOO_PATH=$ODOO_PATH is not an Odoo 18.0 source tree (no odoo/release.py of 18.0)"
    elif [ -f "$remembered" ] && _prm_is_odoo18 "$(cat "$remembered")"; then
        ODOO_PATH=$(cat "$remembered")
    elif _prm_is_odoo18 "$cached"; then
        ODOO_PATH=$cached
    else
        prm_log "No Odoo 18 source tree known; trying a shallow clone of Odoo 18.0 into $cached"
        mkdir -p "$PRM_CACHE_HOME"
        rm -rf "$cached.partial"
        if GIT_TERMINAL_PROMPT=0 git -c http.lowSpeedLimit=1000 -c http.lowSpeedTime=60 \
            clone --quiet --depth 1 -b 18.0 "$ODOO_GIT_URL" "$cached.partial" 2>&1 | tail -3 >&2 \
            && _prm_is_odoo18 "$cached.partial"; then
            mv "$cached.partial" "$cached"
            ODOO_PATH=$cached
        else
            rm -rf "$cached.partial"
            return 1
        fi
    fi
    mkdir -p "$PRM_CONFIG_HOME"
    printf '%s\n' "$ODOO_PATH" > "$remembered"
    export ODOO_PATH
    prm_log "Odoo 18 source tree: $ODOO_PATH (remembered in $remembered)"
}

prm_odoo_help() {
    cat >&2 <<EOF
[prm] No Odoo 18 source tree is available, and cloning $ODOO_GIT_URL failed.
[prm] Provide one and run the command again, for example:
[prm]     git clone --depth 1 -b 18.0 https://github.com/odoo/odoo.git ~/src/odoo-18
[prm]     ODOO_PATH=~/src/odoo-18 $0
[prm] Any Odoo 18.0 Community source tree works (git checkout or the packaged
[prm] source); the path is remembered for later runs on this machine.
EOF
}

# Python virtual environment outside the clone, shared by every clone of this
# machine. Requirements are installed again only when their content changed.
prm_setup_venv() {
    local pyver venv reqs stamp want
    pyver=$("$PRM_PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    venv="$PRM_CACHE_HOME/venv-py$pyver"
    [ -x "$venv/bin/python" ] || { prm_log "Creating virtual environment $venv"; "$PRM_PYTHON" -m venv "$venv"; }
    PRM_VENV=$venv
    PY="$venv/bin/python"
    mkdir -p "$PRM_STATE"
    reqs="$PRM_STATE/requirements-all.txt"
    {
        if [ -n "${ODOO_PATH:-}" ]; then
            # Odoo's pins, with the fixes Python 3.11+ needs: the binary psycopg2
            # wheel instead of building it, and no python-ldap (auth_ldap only).
            sed -E -e 's/^psycopg2==/psycopg2-binary==/' -e '/^python-ldap/d' "$ODOO_PATH/requirements.txt"
        fi
        cat "$PRM_ROOT/requirements.txt"
    } > "$reqs"
    want=$(cat "$reqs" "$PRM_ROOT/requirements-oca.txt" "$PRM_ROOT/setup/lib.sh" | sha256sum | cut -c1-16)
    stamp="$venv/.prm-requirements-$want"
    if [ ! -f "$stamp" ]; then
        prm_log "Installing Python requirements into $venv (first run takes a few minutes)"
        # Old pinned sdists (Odoo's pins) do not build with setuptools>=70 (no
        # pkg_resources). Newer pip applies build constraints only through
        # PIP_BUILD_CONSTRAINT, older pip only through PIP_CONSTRAINT: set both.
        printf 'setuptools<70\n' > "$venv/pip-constraint.txt"
        export PIP_CONSTRAINT="$venv/pip-constraint.txt" PIP_BUILD_CONSTRAINT="$venv/pip-constraint.txt"
        "$PY" -m pip install -q --upgrade pip wheel "setuptools<70" >&2 \
            || prm_die "pip could not upgrade itself in $venv"
        "$PY" -m pip install -q -r "$reqs" >&2 \
            || prm_die "pip could not install the requirements ($reqs)"
        # OCA addons from PyPI, pinned; --no-deps because their wheels require
        # the "odoo" distribution, which this Odoo source tree is not.
        "$PY" -m pip install -q --no-deps -r "$PRM_ROOT/requirements-oca.txt" >&2 \
            || prm_die "pip could not install the OCA addons (requirements-oca.txt)"
        unset PIP_CONSTRAINT PIP_BUILD_CONSTRAINT
        touch "$stamp"
    fi
    # Make "import odoo" work for pytest-odoo and "python -m odoo" from anywhere.
    local site
    site=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    [ -z "${ODOO_PATH:-}" ] || printf '%s\n' "$ODOO_PATH" > "$site/prm-odoo-path.pth"
    export PRM_VENV PY
}

# Lint and packaging tools, in a virtual environment of their own (their pins
# clash with Odoo's). Sets TOOLS_BIN.
prm_setup_tools() {
    local venv="$PRM_CACHE_HOME/venv-tools" want stamp
    [ -x "$venv/bin/python" ] || "$PRM_PYTHON" -m venv "$venv"
    want=$(sha256sum "$PRM_ROOT/setup/requirements-tools.txt" | cut -c1-16)
    stamp="$venv/.prm-requirements-$want"
    if [ ! -f "$stamp" ]; then
        prm_log "Installing lint and packaging tools into $venv"
        "$venv/bin/python" -m pip install -q --upgrade pip >&2
        "$venv/bin/python" -m pip install -q -r "$PRM_ROOT/setup/requirements-tools.txt" >&2 \
            || prm_die "pip could not install setup/requirements-tools.txt"
        touch "$stamp"
    fi
    TOOLS_BIN="$venv/bin"
    export TOOLS_BIN
}

# PostgreSQL through the standard PG* variables (default: local socket).
prm_setup_postgres() {
    if ! pg_isready -q 2>/dev/null; then
        if command -v pg_lsclusters >/dev/null 2>&1 && [ -n "$(pg_lsclusters -h 2>/dev/null)" ]; then
            prm_log "PostgreSQL does not answer; starting the local cluster"
            pg_lsclusters -h | while read -r ver name _; do
                pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start 2>&1 | tail -2 >&2 || true
            done
            sleep 2
        fi
        pg_isready -q || prm_die "PostgreSQL does not answer (host ${PGHOST:-local socket}, port ${PGPORT:-5432}). Start it or set PGHOST/PGPORT."
    fi
    [ "$PRM_DB_USER" != postgres ] || prm_die "PRM_DB_USER must not be the PostgreSQL superuser 'postgres'"
    local has
    has=$(_prm_admin_psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PRM_DB_USER'" 2>/dev/null || true)
    if [ "$has" != 1 ]; then
        prm_log "Creating PostgreSQL role $PRM_DB_USER (CREATEDB)"
        _prm_admin_psql -c "CREATE ROLE \"$PRM_DB_USER\" LOGIN CREATEDB" >/dev/null 2>&1 \
            || prm_die "PostgreSQL role '$PRM_DB_USER' is missing and could not be created. Create it: createuser --createdb $PRM_DB_USER (as a role allowed to), or set PRM_DB_USER to an existing role with CREATEDB."
    fi
    # Odoo's connection: the same PG* server, as PRM_DB_USER.
    export PGUSER_ODOO=$PRM_DB_USER
}

# psql as a role allowed to manage roles: the current PG* role first, then the
# local superuser through the operating system account when we are root.
_prm_admin_psql() {
    if psql -d postgres -v ON_ERROR_STOP=1 -tAc "SELECT 1" >/dev/null 2>&1 \
        && [ "$(psql -d postgres -tAc "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")" = t ]; then
        psql -d postgres -v ON_ERROR_STOP=1 "$@"
    elif [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
        su postgres -c "$(printf '%q ' psql -d postgres -v ON_ERROR_STOP=1 "$@")"
    else
        return 1
    fi
}

# Debian packages Odoo uses at run time: Chromium for the HttpCase tours,
# wkhtmltopdf for PDF reports (agreements, statements, certificates).
# Installed when missing and we are root. Sets PRM_CHROME_NOTE when tours
# will be skipped.
prm_setup_debian_packages() {
    PRM_CHROME_NOTE=""
    local missing=() bin chrome=""
    for bin in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$bin" >/dev/null 2>&1 && { chrome=$(command -v "$bin"); break; }
    done
    [ -n "$chrome" ] || missing+=(chromium)
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        prm_log "Installing Debian packages: ${missing[*]}"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 \
            || prm_log "apt-get could not install ${missing[*]}"
    fi
    command -v wkhtmltopdf >/dev/null 2>&1 || prm_log "No wkhtmltopdf: PDF reports will download as HTML"
    for bin in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$bin" >/dev/null 2>&1 && { prm_log "Browser for tours: $(command -v "$bin")"; return 0; }
    done
    PRM_CHROME_NOTE="no Chromium found and it could not be installed (not root or no apt-get): browser tours are skipped"
    prm_log "$PRM_CHROME_NOTE"
}

# Odoo configuration for this clone: our addons + Odoo's.
prm_write_config() {
    local conf="$PRM_STATE/odoo.conf" oca
    mkdir -p "$PRM_STATE"
    oca=$(_prm_oca_addons_dir)
    cat > "$conf" <<EOF
[options]
addons_path = $PRM_ROOT,$(_prm_odoo_addons_dirs "$ODOO_PATH")${oca:+,$oca}
data_dir = $PRM_CACHE_HOME/filestore
db_user = $PRM_DB_USER
db_host = ${PGHOST:-False}
db_port = ${PGPORT:-False}
db_password = ${PRM_DB_PASSWORD:-False}
admin_passwd = ${PRM_ADMIN_PASSWD:-prm-admin}
list_db = True
http_interface = ${PRM_HTTP_INTERFACE:-127.0.0.1}
http_port = ${PRM_HTTP_PORT:-8069}
max_cron_threads = 0
EOF
    PRM_CONF=$conf
    export PRM_CONF
}

prm_odoo() { "$PY" -m odoo -c "$PRM_CONF" "$@"; }

# Content hash of the addons as they are on disk: tracked files with their
# unstaged edits, new files git does not ignore, no deleted ones; not their
# tests/ folders (a database does not depend on them). Extra arguments
# (module list, demo or not) go into the hash too. Without git, every file
# below the addon folders counts.
prm_addons_hash() {
    (
        cd "$PRM_ROOT" || exit 1
        if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
            git ls-files -z --cached --others --exclude-standard -- "${PRM_ADDON_DIRS[@]}"
        else
            find "${PRM_ADDON_DIRS[@]}" -type f ! -name '*.pyc' -print0
        fi | sort -zu | while IFS= read -rd '' file; do
            if [ -f "$file" ]; then printf '%s\0' "$file"; fi
        done | { grep -zv '^[^/]*/tests/' || true; } | xargs -0 -r sha256sum
        printf '%s\n' "$ODOO_PATH" "$@"
    ) | sha256sum | cut -c1-16
}

# Number of the suite's addons installed in database $1 (0 when it is missing).
prm_installed_count() {
    local names
    names=$(printf "'%s'," "${PRM_ADDON_DIRS[@]}")
    psql -U "$PRM_DB_USER" -d "$1" -tAc \
        "SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name IN (${names%,})" \
        2>/dev/null || echo 0
}

# Database helpers as the Odoo role.
prm_dropdb() { dropdb -U "$PRM_DB_USER" --if-exists "$1" >/dev/null 2>&1 || dropdb --if-exists "$1"; }

# Copies database $1 (nobody connected) into a new database $2, filestore
# included: the copy of a fresh install is a fresh install, without the wait.
prm_copy_db() {
    local src=$1 dst=$2 store="$PRM_CACHE_HOME/filestore/filestore"
    prm_dropdb "$dst"
    rm -rf "${store:?}/$dst"
    createdb -U "$PRM_DB_USER" -T "$src" "$dst" >/dev/null 2>&1 || createdb -T "$src" "$dst" || return 1
    [ ! -d "$store/$src" ] || cp -a "$store/$src" "$store/$dst"
}

# Directory holding Odoo's own addons (crm, sale, ...) in either layout.
prm_odoo_addons_dir() {
    if [ -f "$ODOO_PATH/addons/crm/__manifest__.py" ]; then
        printf '%s' "$ODOO_PATH/addons"
    else
        printf '%s' "$ODOO_PATH/odoo/addons"
    fi
}

# Installs modules into a fresh database; fails on any log line at WARNING or
# above that is not in setup/checklog-ignore.txt (OCA checklog style).
prm_install_db() {
    local db=$1 modules=$2 demo=$3 log="$PRM_STATE/install-$1.log" demo_opt=()
    [ "$demo" = demo ] || demo_opt=(--without-demo=all)
    prm_dropdb "$db"
    prm_log "Installing $modules into fresh database $db ($demo); log: $log"
    if ! prm_odoo -d "$db" -i "$modules" "${demo_opt[@]}" --stop-after-init \
        --log-level=info --logfile= > "$log" 2>&1; then
        tail -40 "$log" >&2
        prm_log "Installation into $db failed"
        return 1
    fi
    "$PY" "$PRM_ROOT/setup/checklog.py" "$log" "$PRM_ROOT/setup/checklog-ignore.txt"
}

prm_setup_all() {
    if ! prm_find_odoo; then
        ODOO_PATH=""
        return 1
    fi
    prm_setup_venv
    prm_setup_postgres
    prm_write_config
}
