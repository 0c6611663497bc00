"""The registry server as the Python test tools and benchmarks run it and speak to it: started on
a free port and stopped, one request to its JSON API, a login that makes an API token. Shared by
the browser walk (Tests/Browser), the API's schemathesis run (Tests/API) and the server benchmark
(Benchmarks/server)."""

import http.client
import json
import re
import subprocess
import urllib.parse


def serve(registro, database, environment, log=subprocess.DEVNULL, options=()):
    """`registro serve` of `database` on a free loopback port, with `options`, its log to `log`;
    returns the process, whose `url` is the server's address without a final slash. Stops the
    program, saying why, when the server does not say where it listens."""
    server = subprocess.Popen([registro, "serve", "--db", database, "--listen", "127.0.0.1:0", *options],
                              stdout=subprocess.PIPE, stderr=log, text=True, env=environment)
    first = server.stdout.readline().strip()
    match = re.match(r"listening on (\S+)", first)
    if not match:
        server.kill()
        raise SystemExit(f"registro serve did not say where it listens: {first!r}")
    server.url = match.group(1).rstrip("/")
    return server


def stop(server, timeout=20):
    """Stops `server` as Ctrl-C would, letting requests in flight finish for `timeout` seconds,
    then kills it; returns once it has exited, so that nothing run next meets it still going."""
    server.terminate()
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def request(base, method, path, body=None, headers=None, source=None, timeout=60):
    """One HTTP request to the server at `base`, from the local address `source` when given (the
    server caps concurrent logins per address); returns (status, headers, the JSON body decoded,
    or None when the body is empty or not JSON)."""
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout,
                                            source_address=(source, 0) if source else None)
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


def api_token(base, user, password, code=None, name="test"):
    """Logs `user` in (with the TOTP `code` when their role needs one) and makes an API token named
    `name`, valid for a day; returns the token. Stops the program, saying why, when the server
    refuses either."""
    login = {"user": user, "password": password}
    if code:
        login["totp"] = code
    status, headers, body = request(base, "POST", "/api/session", login)
    if status != 200:
        raise SystemExit(f"the login of {user} failed with {status}: {body}")
    cookie = next(value.split(";")[0] for header, value in headers if header.lower() == "set-cookie")
    status, _, created = request(base, "POST", "/api/tokens", {"name": name, "expires_in_days": 1},
                                 {"Cookie": cookie, "X-CSRF-Token": body["csrf"], "Origin": base})
    if status != 201:
        raise SystemExit(f"the API token of {user} was refused with {status}: {created}")
    return created["token"]
