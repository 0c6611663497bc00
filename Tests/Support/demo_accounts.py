"""What the Python test tools need of `registro demo`'s accounts: a small demo registry with its
accounts and their organisations, the accounts table the demo prints, and the TOTP codes of their
secrets. Shared by the browser walk (Tests/Browser) and the API's schemathesis run (Tests/API)."""

import base64
import hashlib
import hmac
import json
import struct
import subprocess
import time


def small_demo(registro, database, environment):
    """Makes a small demo registry at `database` (60 people, 300 deliveries); returns its accounts
    (user -> (role, password, totp secret)) and each user's organisation (user -> org)."""
    demo = subprocess.run([registro, "demo", "--db", database, "--beneficiaries", "60", "--deliveries", "300"],
                          capture_output=True, text=True, env=environment, check=True)
    listing = subprocess.run([registro, "user", "list", "--db", database, "--format", "json"], capture_output=True,
                             text=True, env=environment, check=True).stdout
    return accounts(demo.stdout), {row["id"]: row["org"] for row in json.loads(listing)}


def totp(secret, at=None):
    """The RFC 6238 code of a base-32 secret: 30-second steps, 6 digits, HMAC-SHA1."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    step = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def accounts(output):
    """The accounts table `registro demo` prints: user -> (role, password, totp secret)."""
    found = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] in ("admin", "coordinator", "social_worker", "privacy_officer"):
            found[parts[0]] = (parts[1], parts[2], parts[3] if len(parts) > 3 else None)
    return found
