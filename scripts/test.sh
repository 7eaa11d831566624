#!/usr/bin/env bash
# Run every test: installs what the tests need, then `python -m pytest -q` with any extra args.
#   bash scripts/test.sh                 # all tests
#   bash scripts/test.sh tests/e2e -x    # args go straight to pytest
# Works on a brand-new machine: pip packages from requirements-dev.txt, and Debian's chromium
# (for the browser test) when /usr/bin/chromium is missing and we are root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python}
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore

echo "test.sh: pip install -r requirements-dev.txt"
"$PYTHON" -m pip install -q -r requirements-dev.txt

if [ -x /usr/bin/chromium ]; then
    :
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "test.sh: /usr/bin/chromium missing: apt-get install chromium"
    export DEBIAN_FRONTEND=noninteractive
    # Another apt run (an engineer's, an unattended upgrade) may hold the lock: wait for it.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
else
    echo "test.sh: /usr/bin/chromium missing and not root: skipping apt; the browser test will skip outside CI" >&2
fi

# pytest exits 5 when it collected no tests. That is never right here (a bad path, a broken
# conftest, a -k that matches nothing), so say so and fail rather than pass on nothing.
status=0
"$PYTHON" -m pytest -q "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "test.sh: pytest collected no tests (exit 5): treating as a failure" >&2
    exit 1
fi
exit "$status"
