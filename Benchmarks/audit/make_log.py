"""Appends N synthetic entries to the audit log of a registry, chained exactly as
Docs/PRIVACY.md ("Audit log") describes, so that `registro audit verify` has a large log to
check. The entries look like the reads the sharing work records: a user, a person by
pseudonymous id, a category, a purpose, policy ids, consent ids. With W, also appends W
checkpoints, evenly spread over the new entries, to the registry's witness (REGISTRY.db.witness),
signed with its audit key (REGISTRY.db.audit-key) through PyNaCl or, failing that, the
`cryptography` package.

Usage: python3 make_log.py REGISTRY.db N [W]
"""
import hashlib, json, random, sqlite3, sys, time

COLUMNS = ("version seq time actor org action resource subject category purpose decision "
           "policies policy_set emergency emergency_ref consents row_count file_digest detail").split()


def encode(value):
    if value is None:
        return b"\x00"
    if isinstance(value, int):
        return b"\x01" + value.to_bytes(8, "big", signed=True)
    if isinstance(value, str):
        value = value.encode("utf-8")
        return b"\x02" + len(value).to_bytes(4, "big") + value
    return b"\x03" + len(value).to_bytes(4, "big") + bytes(value)


def signer(path):
    """The function signing a message with the Ed25519 seed in the audit key file at `path`."""
    seed = bytes.fromhex(json.load(open(path))["seed"])
    try:
        from nacl.signing import SigningKey
        key = SigningKey(seed)
        return key.verify_key.encode(), lambda message: key.sign(message).signature
    except ImportError:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
        key = Ed25519PrivateKey.from_private_bytes(seed)
        return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw), key.sign


def witness(path, heads):
    """Appends a signed checkpoint line of each (seq, head) to the witness of the registry `path`."""
    public_key, sign = signer(path + ".audit-key")
    now = time.time()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + ".%03dZ" % (int(now * 1000) % 1000)
    with open(path + ".witness", "a") as out:
        for seq, head in heads:
            message = (encode("registro/audit-checkpoint/v1") + encode(seq) + encode(head) + encode(stamp))
            out.write(f"registro-witness/v1 {seq} {head.hex()} {stamp} {public_key.hex()} {sign(message).hex()}\n")


def main():
    path, count = sys.argv[1], int(sys.argv[2])
    lines = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    every = max(1, count // lines) if lines else 0
    heads = []
    rng = random.Random(2020)
    database = sqlite3.connect(path, isolation_level=None)
    database.execute("BEGIN IMMEDIATE")
    seq, previous = database.execute(
        "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1").fetchone() or (0, bytes(32))
    policy_set = database.execute("SELECT policy_set FROM audit_entry ORDER BY seq DESC LIMIT 1").fetchone()[0]
    people = ["B%011d" % rng.randrange(10**11) for _ in range(5000)]
    users = [("sw-%d" % n, "org-%d" % (n % 12)) for n in range(60)]
    categories = ["identity", "contact", "needs", "services", "sensitive", "notes"]
    insert = (f"INSERT INTO audit_entry ({', '.join(COLUMNS)}, prev_hash, hash) "
              f"VALUES ({', '.join('?' * (len(COLUMNS) + 2))})")
    batch = []
    for index in range(count):
        seq += 1
        actor, org = rng.choice(users)
        person = rng.choice(people)
        allowed = rng.random() < 0.9
        emergency = 1 if rng.random() < 0.002 else 0
        values = (
            1, seq, "2026-%02d-%02dT%02d:%02d:%02d.%03dZ" % (1 + index * 12 // count, 1 + index % 28, index % 24,
                                                            index % 60, index % 59, index % 1000),
            actor, org, "read", "beneficiary:" + person, person, rng.choice(categories),
            "presa_in_carico_condivisa", "allow" if allowed else "deny",
            "policy%d" % rng.randrange(12) if allowed else "", policy_set, emergency,
            "E%d" % index if emergency else None, str(rng.randrange(1, 20000)) if allowed else "",
            None, None, None,
        )
        digest = hashlib.blake2b(previous + b"".join(encode(v) for v in values), digest_size=32).digest()
        batch.append(values + (previous, digest))
        previous = digest
        if every and (index + 1) % every == 0 and len(heads) < lines:
            heads.append((seq, digest))
        if len(batch) == 50_000:
            database.executemany(insert, batch)
            batch.clear()
    database.executemany(insert, batch)
    database.execute("COMMIT")
    if heads:
        witness(path, heads)
    print(f"audit log of {path} now ends at entry {seq}" + (f", witnessed {len(heads)} times" if heads else ""))


main()
