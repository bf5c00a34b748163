# shellcheck shell=bash
# Shared by scripts/test, scripts/demo and scripts/docs: the venvs, a temporary collection
# tree, and the simulator. Callers set: repo (the repository root).

: "${repo:?set repo to the repository root before sourcing scripts/lib.sh}"

# The ansible-core versions tested: the newest in requirements-dev.txt (.venv),
# each other one from its own requirements-ansible-core-<version>.txt (.venv-<version>).
# Each file names the controller Python its venv is made with in a line "# python: X.Y",
# and may name the steps that version runs in a line "# steps: sanity units".
newest_ansible_core=2.21
older_ansible_cores() {
    local file
    for file in "$repo"/requirements-ansible-core-*.txt; do
        [[ -e "$file" ]] || continue
        file=${file##*/requirements-ansible-core-}
        echo "${file%.txt}"
    done | sort -rV
}

# select_ansible_core VERSION: the venv, requirements file, controller Python
# (python_version) and the steps its file names (version_steps, empty if none)
# of that version; the newest is selected when lib.sh is sourced.
select_ansible_core() {
    local version=$1
    if [[ "$version" == "$newest_ansible_core" ]]; then
        venv="$repo/.venv"
        requirements="requirements-dev.txt"
    elif [[ -f "$repo/requirements-ansible-core-$version.txt" ]]; then
        venv="$repo/.venv-$version"
        requirements="requirements-ansible-core-$version.txt"
    else
        echo "no ansible-core $version in the matrix (one of: $newest_ansible_core $(older_ansible_cores | tr '\n' ' '))" >&2
        return 1
    fi
    python_version=$(sed -n 's/^# python: *\([0-9][0-9.]*\) *$/\1/p' "$repo/$requirements")
    [[ -n "$python_version" ]] || { echo "$requirements names no Python (a line '# python: X.Y')" >&2; return 1; }
    # shellcheck disable=SC2034  # read by scripts/test
    version_steps=$(sed -n 's/^# steps: *\(.*[^ ]\) *$/\1/p' "$repo/$requirements")
}
select_ansible_core "$newest_ansible_core"

# pyenv_roots: where pyenv's Pythons may be: PYENV_ROOT, else ~/.pyenv of the user
# in the password database and of HOME (CI runners often point HOME elsewhere).
pyenv_roots() {
    local passwd_home
    passwd_home=$(getent passwd "$(id -un)" | cut -d: -f6)
    printf '%s\n' ${PYENV_ROOT:+"$PYENV_ROOT"} ${passwd_home:+"$passwd_home/.pyenv"} "$HOME/.pyenv" | awk '!seen[$0]++'
}

# find_python X.Y WHAT: the path of a pythonX.Y that runs, from pyenv's versions
# (newest patch first; pyenv's shims may point nowhere) or PATH; WHAT it is for
# goes into the message when there is none.
find_python() {
    local version=$1 what=$2 candidate candidates root roots
    mapfile -t roots < <(pyenv_roots)
    mapfile -t candidates < <(for root in "${roots[@]}"; do compgen -G "$root/versions/$version.*/bin/python$version" | sort -rV; done; type -ap "python$version")
    for candidate in "${candidates[@]}"; do
        "$candidate" -c '' 2>/dev/null && { echo "$candidate"; return 0; }
    done
    echo "Python $version ($what) not found: no versions/$version.*/bin/python$version under $(printf '%s ' "${roots[@]}")and no python$version on PATH that runs" >&2
    return 1
}

setup_venv() {
    local hash stamp="$venv/.requirements.sha256" python
    if [[ ! -x "$venv/bin/python" ]] || [[ "$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$python_version" ]]; then
        python=$(find_python "$python_version" "the controller Python that $requirements names for ${venv##*/}") || return 1
        echo "creating ${venv##*/} with $python"
        rm -rf "$venv"
        "$python" -m venv "$venv"
    fi
    hash=$(sha256sum "$requirements" | cut -d' ' -f1)
    if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$hash" ]]; then
        echo "installing $requirements into ${venv##*/}"
        if ! { "$venv/bin/python" -m pip install --disable-pip-version-check --upgrade "pip==26.3" &&
               "$venv/bin/python" -m pip install --disable-pip-version-check -r "$requirements"; } >"$venv/pip.log" 2>&1; then
            cat "$venv/pip.log"
            echo "installing $requirements failed" >&2
            return 1
        fi
        echo "$hash" >"$stamp"
    else
        echo "${venv##*/} is up to date with $requirements"
    fi
}

# ansible-test bootstraps pip into its sanity virtual environments with a
# get-pip script from a host we cannot reach; it uses a cached copy first.
install_get_pip() {
    local version cache
    version=$("$venv/bin/python" - <<'PY'
import pathlib, re, ansible_test
src = pathlib.Path(ansible_test.__file__).parent / "_internal" / "python_requirements.py"
print(re.search(r"pip='([^']+)'", src.read_text()).group(1))
PY
    )
    cache="$HOME/.ansible/test/cache/get_pip_${version//./_}.py"
    mkdir -p "$(dirname "$cache")"
    cmp -s scripts/get_pip_offline.py "$cache" || cp scripts/get_pip_offline.py "$cache"
}

# ansible-test 2.22.0rc1 installs pylint's dill from a GitHub archive (a fix that
# only Python 3.15 needs) and we reach PyPI only: use dill's PyPI release, as
# 2.21 does. Goes when ansible-core 2.22.0 final pins a release (then no line matches).
pin_sanity_requirements_to_pypi() {
    local file
    file=$("$venv/bin/python" -c 'import pathlib, ansible_test; print(pathlib.Path(ansible_test.__file__).parent / "_data" / "requirements" / "sanity.pylint.txt")')
    if grep -q '^dill @ https://github\.com/' "$file"; then
        sed -i 's|^dill @ https://github\.com/.*$|dill==0.4.1|' "$file"
    fi
}

# make_tree: a temporary ansible_collections/statusops/status/ tree (sets tmp, collections_root, tree).
make_tree() {
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/statusops-test.XXXXXX")
    collections_root="$tmp"
    tree="$tmp/ansible_collections/statusops/status"
    # Copy the tracked files and the untracked files that are not ignored (so that
    # uncommitted work is tested); deleted files are skipped.
    mkdir -p "$tree"
    git ls-files -z --cached --others --exclude-standard \
        | while IFS= read -r -d '' f; do [[ -e "$f" || -L "$f" ]] && printf '%s\0' "$f"; done \
        | tar --null -T - -cf - | tar -xf - -C "$tree"
    export ANSIBLE_COLLECTIONS_PATH="$collections_root"
    export ANSIBLE_PYTHON_INTERPRETER="$venv/bin/python"
}

# use_venv: put .venv first on PATH.
use_venv() {
    export VIRTUAL_ENV="$venv"
    export PATH="$venv/bin:$PATH"
    hash -r
}

# stop_pid PID: stop a process this script started (none when PID is empty), and reap it.
stop_pid() {
    [[ -n "$1" ]] || return 0
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

# wait_ready NAME PID LOG COMMAND...: wait up to 30 s until COMMAND succeeds;
# fail, showing LOG, when the process PID exits first or COMMAND never does.
wait_ready() {
    local name=$1 pid=$2 log=$3 i
    shift 3
    for ((i = 0; i < 300; i++)); do
        "$@" 2>/dev/null && return 0
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$name exited before it was ready:"; cat "$log"
            return 1
        fi
        sleep 0.1
    done
    echo "$name was not ready after 30s:"; cat "$log"
    return 1
}

# json_file FILE: FILE exists and holds a whole JSON document.
json_file() {
    [[ -s "$1" ]] && "$venv/bin/python" -c 'import json,sys; json.load(open(sys.argv[1]))' "$1"
}

sim_pid=""

stop_simulator() {
    stop_pid "$sim_pid"
    sim_pid=""
}

# start_simulator: start it from the temp tree, wait for the ready file and
# export its facts (STATUSMATE_API_URL, ... SIMULATOR_CONTROL_URL).
start_simulator() {
    local ready="$tmp/simulator.ready" log="$tmp/simulator.log"
    stop_simulator
    rm -f "$ready"
    if [[ ! -f "$tree/tests/simulator/__main__.py" && ! -f "$tree/tests/simulator/__init__.py" ]]; then
        echo "the simulator (tests/simulator) does not exist yet"
        return 1
    fi
    (cd "$tree" && exec "$venv/bin/python" -m tests.simulator --port 0 --ready-file "$ready") >"$log" 2>&1 &
    sim_pid=$!
    wait_ready "the simulator" "$sim_pid" "$log" json_file "$ready" || { stop_simulator; return 1; }
    eval "$("$venv/bin/python" - "$ready" <<'PY'
import json, shlex, sys
facts = json.load(open(sys.argv[1]))
values = {
    "STATUSMATE_API_URL": facts["statusmate"]["api_url"],
    "STATUSMATE_API_TOKEN": facts["statusmate"]["api_token"],
    "STATUSHUB_API_URL": facts["statushub"]["api_url"],
    "STATUSHUB_API_KEY": facts["statushub"]["api_key"],
    "STATUSHUB_HUB": facts["statushub"]["hub"],
    "SIMULATOR_CONTROL_URL": facts["control_url"],
}
for name, value in values.items():
    print("export %s=%s" % (name, shlex.quote(str(value))))
PY
    )"
    echo "simulator running (pid $sim_pid): $STATUSMATE_API_URL, $STATUSHUB_API_URL, $SIMULATOR_CONTROL_URL"
}

reset_simulator() {
    "$venv/bin/python" -c 'import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/reset", method="POST"), timeout=10).read()' "$SIMULATOR_CONTROL_URL"
}


# free_port: a port of 127.0.0.1 that nothing listens on now.
free_port() {
    "$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

am_pid=""

stop_alertmanager() {
    stop_pid "$am_pid"
    am_pid=""
}

# start_alertmanager [WEBHOOK_URL WEBHOOK_TOKEN]: Debian's prometheus-alertmanager
# on a free port of 127.0.0.1, alone (no cluster), with its own storage in $tmp
# and short group and resolve times; its one receiver posts to the webhook when
# one is given (the rulebook), else nowhere. Exports ALERTMANAGER_API_URL.
start_alertmanager() {
    local webhook=${1:-} token=${2:-} dir="$tmp/alertmanager" port
    stop_alertmanager
    rm -rf "$dir"
    mkdir -p "$dir/data"
    port=$(free_port)
    {
        printf '%s\n' "global:" "  resolve_timeout: 10s" "route:" "  receiver: status" \
            "  group_by: [statusmate_component, statushub_service]" "  group_wait: 1s" "  group_interval: 2s" \
            "  repeat_interval: 1h" "receivers:" "  - name: status"
        if [[ -n "$webhook" ]]; then
            printf '%s\n' "    webhook_configs:" "      - url: \"$webhook\"" "        send_resolved: true" \
                "        http_config:" "          authorization: {type: Bearer, credentials: \"$token\"}"
        fi
    } >"$dir/alertmanager.yml"
    prometheus-alertmanager --config.file="$dir/alertmanager.yml" --storage.path="$dir/data" \
        --web.listen-address="127.0.0.1:$port" --cluster.listen-address= >"$dir/log" 2>&1 &
    am_pid=$!
    wait_ready Alertmanager "$am_pid" "$dir/log" curl --silent --fail --max-time 2 --output /dev/null \
        "http://127.0.0.1:$port/-/ready" || { stop_alertmanager; return 1; }
    export ALERTMANAGER_API_URL="http://127.0.0.1:$port"
    echo "Alertmanager running (pid $am_pid): $ALERTMANAGER_API_URL"
}
