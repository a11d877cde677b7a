#!/usr/bin/env bash
# Everything the browser test (pytest -m browser, tests/web/test_browser.py) needs:
#   1. Debian's chromium at /usr/bin/chromium and a CJK font (Playwright's own browser
#      download is not used: it does not work here);
#   2. Playwright for Python in .venv (driver only; no browsers are downloaded);
#   3. the built page (scripts/web-build.sh: npm ci + esbuild).
# Idempotent: each step is skipped when already done. First run ~2 min (apt), then ~5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-wqy-microhei
fi
if ! .venv/bin/python -c "import playwright.sync_api" >/dev/null 2>&1; then
  .venv/bin/python -m pip install --quiet "playwright>=1.45"
fi
./scripts/web-build.sh
