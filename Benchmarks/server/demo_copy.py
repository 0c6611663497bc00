"""A working copy of a demo registry for the server's measurements (`bench.py`, `cost.py`,
`../callgrind/server_reads.py`): the registry and its companion files copied into a fresh
folder, one social worker given a known password as an operator would (`registro user
password`), and the people their organisation owns to read."""
import json
import os
import shutil
import sqlite3
import subprocess

PASSWORD = "una password lunga per il benchmark"
PURPOSE = "presa_in_carico_condivisa"


def run(command, **kwargs):
    """Runs `command`, failing on a non-zero exit; returns its standard output."""
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs).stdout


def prepare(registro, source, work, readers):
    """Empties `work`, copies the registry `source` (with its keyring, audit key and witness)
    into it and sets PASSWORD for its first social worker. Returns (the copy's path, the
    environment to run `registro` in: no passphrase or user of the caller's, the users as
    `user list` gives them, that social worker, the ids of up to `readers` people their
    organisation owns and has not erased)."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    db = os.path.join(os.path.abspath(work), "registry.db")
    for suffix in ("", ".keyring", ".audit-key", ".witness"):
        if os.path.exists(source + suffix):
            shutil.copy(source + suffix, db + suffix)
    environment = {k: v for k, v in os.environ.items() if k not in ("REGISTRO_PASSPHRASE", "REGISTRO_USER")}
    users = json.loads(run([registro, "user", "list", "--db", db, "--format", "json"], env=environment))
    worker = next(u for u in users if u["role"] == "social_worker")
    subprocess.run([registro, "user", "password", "--id", worker["id"], "--db", db], input=PASSWORD + "\n",
                   check=True, capture_output=True, text=True, env=environment)
    connection = sqlite3.connect(db)
    ids = [row[0] for row in connection.execute(
        "SELECT id FROM beneficiary WHERE owner_org = ? AND id NOT IN (SELECT beneficiary_id FROM erasure) "
        "ORDER BY id LIMIT ?", (worker["org"], readers))]
    connection.close()
    return db, environment, users, worker, ids
