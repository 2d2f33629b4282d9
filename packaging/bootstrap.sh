#!/usr/bin/env bash
# Sets up what juryapp needs on this machine, then runs one thing.
#
#   bash packaging/bootstrap.sh app     the desktop app (the demo when there is no display)
#   bash packaging/bootstrap.sh test    the whole test suite
#   bash packaging/bootstrap.sh bench   the benchmarks (tests/bench)
#   bash packaging/bootstrap.sh demo    a demo campaign run end to end (no display needed)
#   bash packaging/bootstrap.sh bundle  the desktop bundle dist/juryapp/ (PyInstaller), then its test
#   bash packaging/bootstrap.sh mutate  mutation testing of the engine and the journal checks
#                                       (long; `mutate "juryapp.core.quorum*"` runs one module)
#   bash packaging/bootstrap.sh fuzz [N [SEED [KILLS]]]
#                                       N damaged files through the command line (2000),
#                                       then KILLS SIGKILLs per writing command (20)
#
# Setting up means: as root on Debian, the Debian packages Qt and the venv need;
# a virtual environment in .venv (JURYAPP_VENV to move it); the Python packages
# of pyproject.toml, reinstalled only when pyproject.toml changes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
venv="${JURYAPP_VENV:-$here/.venv}"
python="${PYTHON:-python3}"
what="${1:-app}"
shift || true

# Debian packages: Qt's runtime libraries, a font with € and U+202F, and venv.
debian_packages=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
                 fonts-dejavu-core)
if ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
    pyver="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    debian_packages+=("python3-venv" "python${pyver}-venv")
fi

install_debian_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing=()
    for pkg in "${debian_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "juryapp: these Debian packages are missing: ${missing[*]}" >&2
        echo "juryapp: install them with: sudo apt-get install ${missing[*]}" >&2
        return 0
    fi
    echo "juryapp: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # A versioned pythonX.Y-venv may not exist on every release: install what exists.
    apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || apt-get install -y -qq --no-install-recommends \
            $(for p in "${missing[@]}"; do apt-cache show "$p" >/dev/null 2>&1 && echo "$p"; done)
}

setup_venv() {
    if [ ! -x "$venv/bin/python" ]; then
        echo "juryapp: creating the virtual environment in $venv"
        "$python" -m venv "$venv"
    fi
    local stamp="$venv/.juryapp-installed"
    local want
    want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        echo "juryapp: installing the Python packages"
        "$venv/bin/python" -m pip install --quiet --upgrade pip
        "$venv/bin/python" -m pip install --quiet -e ".[test]"
        echo "$want" > "$stamp"
    fi
}

install_debian_packages
setup_venv

case "$what" in
    app)
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
            out="${JURYAPP_DEMO_DIR:-$here/demo-output}"
            echo "juryapp: no display here; running the demo into $out instead"
            exec "$venv/bin/juryapp" demo "$out" "$@"
        fi
        exec "$venv/bin/juryapp" "$@"
        ;;
    demo)
        exec "$venv/bin/juryapp" demo "${1:-$here/demo-output}"
        ;;
    test)
        export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
        exec "$venv/bin/python" -m pytest "$@"
        ;;
    bench)
        exec "$venv/bin/python" -m tests.bench "$@"
        ;;
    bundle)
        # PyInstaller is needed only here; "$@" goes to the bundle's test.
        "$venv/bin/python" -m pip install --quiet "pyinstaller>=6.10"
        started=$SECONDS
        nice -n 10 "$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
            --distpath "$here/dist" --workpath "$here/build/pyinstaller" packaging/juryapp.spec
        echo "juryapp: bundle built in $((SECONDS - started)) s:" \
            "$(du -sh "$here/dist/juryapp" | cut -f1) in $here/dist/juryapp"
        export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
        exec "$venv/bin/python" -m pytest tests/packaging/test_bundle.py -p no:cacheprovider "$@"
        ;;
    mutate)
        # mutmut is installed here, not with the test extras; [tool.mutmut] in pyproject.toml
        # says what is mutated and which tests run. JURYAPP_MUTATION lowers hypothesis's
        # example counts so that each mutant's test run stays short.
        "$venv/bin/python" -c "import mutmut" >/dev/null 2>&1 \
            || "$venv/bin/python" -m pip install --quiet "mutmut>=3.8,<4"
        export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" JURYAPP_MUTATION=1
        # mutmut remembers which tests reach which function; after a test changed, start
        # afresh so that the new tests run against the mutants too.
        if [ -f mutants/mutmut-stats.json ] \
            && [ -n "$(find tests -name '*.py' -newer mutants/mutmut-stats.json -print -quit)" ]; then
            rm -rf mutants
        fi
        started=$(date +%s)
        nice -n 19 "$venv/bin/mutmut" run "$@" >mutants.log 2>&1 || { tail -n 40 mutants.log; exit 1; }
        elapsed=$(( $(date +%s) - started ))
        "$venv/bin/mutmut" results --all true 2>/dev/null \
            | "$venv/bin/python" -c '
import collections, fnmatch, pathlib, sys
elapsed, patterns = int(sys.argv[1]), sys.argv[2:] or ["*"]
listed = pathlib.Path("tests/mutation_equivalents.txt").read_text(encoding="utf-8").splitlines()
equivalent = {line.split(" # ")[0].strip() for line in listed if not line.startswith("#")}
counts = collections.Counter()
for line in sys.stdin:
    name, _, status = line.strip().rpartition(": ")
    if name and any(fnmatch.fnmatch(name, p) for p in patterns) and status != "not checked":
        counts["equivalent" if status == "survived" and name in equivalent else status] += 1
killed, survived, timeout = (counts.pop(key, 0) for key in ("killed", "survived", "timeout"))
others = "".join(", %s %d" % item for item in sorted(counts.items()))
print("killed %d, survived %d, timed out %d%s in %d min %d s"
      % (killed, survived, timeout, others, elapsed // 60, elapsed % 60))
' "$elapsed" "$@"
        echo "survivors: $venv/bin/mutmut results; one diff: $venv/bin/mutmut show NAME"
        ;;
    fuzz)
        export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
        nice -n 19 "$venv/bin/python" -m tests.robustness.fuzzing "${1:-2000}" "${2:-13}"
        JURYAPP_KILLS="${3:-20}" exec nice -n 19 "$venv/bin/python" -m pytest -q -s \
            -p no:cacheprovider tests/robustness/test_kills.py
        ;;
    *)
        echo "usage: bash packaging/bootstrap.sh app|test|bench|demo|bundle|mutate|fuzz" >&2
        exit 2
        ;;
esac
