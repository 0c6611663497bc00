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
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Support"))
from demo_accounts import accounts, totp  # noqa: E402
EXCLUDED_CHECKS = ["positive_data_acceptance"]


def request(base, method, path, body=None, headers=None):
    """One HTTP request; returns (status, headers, decoded JSON body or None)."""
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    sent = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        sent["Content-Type"] = "application/json"
    connection.request(method, path, body=data, headers=sent)
    response = connection.getresponse()
    raw = response.read()
    connection.close()
    try:
        decoded = json.loads(raw) if raw else None
    except ValueError:
        decoded = None
    return response.status, response.getheaders(), decoded


def api_token(base, user, password, secret):
    """Logs `user` in (with a TOTP code when they have a secret) and makes an API token."""
    login = {"user": user, "password": password}
    if secret:
        login["totp"] = totp(secret)
    status, headers, body = request(base, "POST", "/api/session", login)
    if status != 200:
        raise SystemExit(f"login of {user} failed with {status}: {body}")
    cookie = next(value.split(";")[0] for name, value in headers if name.lower() == "set-cookie")
    status, _, created = request(base, "POST", "/api/tokens", {"name": "schemathesis", "expires_in_days": 1},
                                 {"Cookie": cookie, "X-CSRF-Token": body["csrf"], "Origin": base.rstrip("/")})
    if status != 201:
        raise SystemExit(f"the API token of {user} was refused with {status}: {created}")
    return created["token"]


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
    demo = subprocess.run([registro, "demo", "--db", database, "--beneficiaries", "60", "--deliveries", "300"],
                          capture_output=True, text=True, env=environment, check=True)
    users = accounts(demo.stdout)
    listing = subprocess.run([registro, "user", "list", "--db", database, "--format", "json"], capture_output=True,
                             text=True, env=environment, check=True).stdout
    organisation = {row["id"]: row["org"] for row in json.loads(listing)}
    officer = next(u for u, a in users.items() if a[0] == "privacy_officer")
    workers = [u for u, a in users.items() if a[0] == "social_worker"]
    worker = next((u for u in workers if organisation[u] == organisation[officer]), workers[0])

    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([registro, "serve", "--db", database, "--listen", "127.0.0.1:0"],
                              stdout=subprocess.PIPE, stderr=log, text=True, env=environment)
    failed = []
    started = time.monotonic()
    try:
        first = server.stdout.readline().strip()
        match = re.match(r"listening on (\S+)", first)
        if not match:
            raise SystemExit(f"registro serve did not say where it listens: {first!r}")
        base = match.group(1).rstrip("/")
        for user in (worker, officer):
            role, password, secret = users[user]
            token = api_token(base, user, password, secret)
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
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    print(f"schemathesis: {2 - len(failed)} passed, {len(failed)} failed in {time.monotonic() - started:.0f} s")
    if failed:
        print(f"the server's log is in {os.path.join(work, 'server.log')}")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
