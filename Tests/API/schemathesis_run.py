#!/usr/bin/env python3
"""The JSON API against its own OpenAPI description, with schemathesis.

Builds nothing: takes the built `registro` binary. Creates a fresh demo registry (`registro
demo`, small), serves it with `registro serve --listen 127.0.0.1:0`, logs in as the privacy
officer (with TOTP) and as a social worker of their organisation, makes each an API token, and
runs `schemathesis run` against `/api/openapi.json` once per token with a bounded number of
examples per operation (about a minute in all on the 2-core machine). Then stops the server.

Checks: every check schemathesis has (`--checks all`) but one, which does not fit this API:
`positive_data_acceptance` expects 2xx for any body the schema allows, but the schema types
values as strings and the registry validates them (a service code, a date, a codice fiscale, an
id the user may not know): data valid by the schema is refused with 422 or 404 by design, each
such answer documented. Kept: no 5xx (`not_a_server_error`), every status documented
(`status_code_conformance`), content type, headers and body as described, bad data refused
(`negative_data_rejection`), `ignored_auth` (401 without the token), `unsupported_method` (405
with `Allow`), `missing_required_header`, and the stateful checks, which find no links to follow.

Exit status 0 when every run passed, else 1. Usage:
  python3 Tests/API/schemathesis_run.py [--registro PATH] [--examples N]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Support"))
from demo_accounts import small_demo, totp  # noqa: E402
from registro_server import api_token, serve, stop  # noqa: E402
EXCLUDED_CHECKS = ["positive_data_acceptance"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registro", default=None, help="the registro binary (default: swift build's)")
    parser.add_argument("--examples", type=int, default=12, help="examples per operation and phase")
    arguments = parser.parse_args()
    registro = arguments.registro or os.path.join(
        subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True,
                       check=True).stdout.strip(), "registro")
    schemathesis = shutil.which("schemathesis") or shutil.which("st")
    if not schemathesis:
        raise SystemExit("schemathesis is not installed: pip install -r Tests/requirements.txt")
    work = tempfile.mkdtemp(prefix="registro-schemathesis-")
    database = os.path.join(work, "registro.db")
    environment = {k: v for k, v in os.environ.items() if k != "REGISTRO_PASSPHRASE"}
    users, organisation = small_demo(registro, database, environment)
    officer = next(u for u, a in users.items() if a[0] == "privacy_officer")
    workers = [u for u, a in users.items() if a[0] == "social_worker"]
    worker = next((u for u in workers if organisation[u] == organisation[officer]), workers[0])

    log = open(os.path.join(work, "server.log"), "w")
    server = serve(registro, database, environment, log)
    base = server.url
    failed = []
    started = time.monotonic()
    try:
        for user in (worker, officer):
            role, password, secret = users[user]
            token = api_token(base, user, password, totp(secret) if secret else None, name="schemathesis")
            print(f"== schemathesis as {role} {user}", flush=True)
            run = subprocess.run(
                [schemathesis, "run", f"{base}/api/openapi.json", "--header", f"Authorization: Bearer {token}",
                 "--checks", "all", "--exclude-checks", ",".join(EXCLUDED_CHECKS),
                 "--phases", "examples,coverage,fuzzing", "--max-examples", str(arguments.examples),
                 "--seed", "20261128", "--workers", "2", "--request-timeout", "30", "--no-color"],
                cwd=work, env=environment)
            if run.returncode != 0:
                failed.append(role)
    finally:
        stop(server)
        log.close()
    print(f"schemathesis: {2 - len(failed)} passed, {len(failed)} failed in {time.monotonic() - started:.0f} s")
    if failed:
        print(f"the server's log is in {os.path.join(work, 'server.log')}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
