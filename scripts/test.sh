#!/usr/bin/env bash
# Run every test: installs what the tests need, then `python -m pytest -q` with any extra args.
#   bash scripts/test.sh                 # all tests
#   bash scripts/test.sh tests/e2e -x    # args go straight to pytest
# Works on a brand-new machine: pip packages from requirements-dev.txt, Debian's chromium and
# poppler-utils when missing and we are root, and axe-core from npm (package.json).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python}
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore

echo "test.sh: pip install -r requirements-dev.txt"
"$PYTHON" -m pip install -q -r requirements-dev.txt
# The project's own modules compiled once, as pip compiles the packages it installs: every CLI run
# (a scheduled load) would otherwise compile them again when bytecode is not written (a read-only
# checkout, PYTHONDONTWRITEBYTECODE).
"$PYTHON" -m compileall -q lib

# Debian packages: chromium (browser tests, kaleido) and poppler-utils (pdftotext/pdftoppm read
# the briefing back), each installed only when missing.
apt_pkgs=()
[ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || apt_pkgs+=(poppler-utils)
if [ ${#apt_pkgs[@]} -eq 0 ]; then
    :
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "test.sh: missing ${apt_pkgs[*]}: apt-get install"
    export DEBIAN_FRONTEND=noninteractive
    # Another apt run (an engineer's, an unattended upgrade) may hold the lock: wait for it.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${apt_pkgs[@]}" >/dev/null
else
    echo "test.sh: missing ${apt_pkgs[*]} and not root: skipping apt; those tests skip outside CI" >&2
fi

# axe-core (npm, package.json) for the accessibility check of the public snapshot.
if [ ! -f node_modules/axe-core/axe.min.js ]; then
    if command -v npm >/dev/null; then
        echo "test.sh: npm ci (axe-core)"
        npm ci --no-audit --no-fund --silent
    else
        echo "test.sh: npm missing: the axe-core test skips outside CI" >&2
    fi
fi

# Two workers by default (pytest-xdist; this machine has two cores): a full run took 95 minutes in
# one process, 53 in two, and 33 in two once registers planned faster (m126); CI allows 90. A test
# module stays on one worker (--dist loadscope), so its module-scoped fixtures (a started server, a
# shared store) are built once. PYTEST_WORKERS=0 runs everything in this one process (-x, --pdb).
workers=${PYTEST_WORKERS:-2}
parallel=()
[ "$workers" = "0" ] || parallel=(-n "$workers" --dist loadscope)

# pytest exits 5 when it collected no tests. That is never right here (a bad path, a broken
# conftest, a -k that matches nothing), so say so and fail rather than pass on nothing.
status=0
"$PYTHON" -m pytest -q "${parallel[@]}" "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "test.sh: pytest collected no tests (exit 5): treating as a failure" >&2
    exit 1
fi
exit "$status"
