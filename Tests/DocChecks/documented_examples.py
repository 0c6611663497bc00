#!/usr/bin/env python3
"""Runs every documented `registro` example as written, and expects each to succeed.

The examples are the `registro …` lines of every command's `--help` (its Examples section, read
from `registro --experimental-dump-help`), of the README's tour, and of the `sh` blocks of
Docs/CLI.md. Each runs through `/bin/sh` (so quoting, redirections and comments work as in a
terminal) in a directory of its own, with the built `registro` first on PATH:

- the README's tour runs from its first line to its last in one new directory, as a newcomer
  would type it, with REGISTRO_PASSPHRASE set for `init` (which would otherwise ask on the
  terminal), the id `beneficiary add` printed in place of `B…`, and the two files it names
  (`prestazioni.csv`, `modulo-firmato.pdf`) made first;
- the examples of every other source (one command's --help, the rest of the README, Docs/CLI.md)
  run in order on one copy of a fresh demo registry (`registro demo`), named by REGISTRO_DB as
  Docs/CLI.md says a user would, with the stand-ins Docs/CLI.md defines replaced:
  `B7K3M9Q2X4TA` by a person the acting user's organisation owns, `B5W30HCV0K4C` by a person
  another organisation of the network owns, `C5Q0W2M8R1ZX` by a consent grant and `EA7K3M9Q2X4T`
  by an emergency access on a person Co.Al.A. owns, `/mnt/witness/registro.witness` by a copy
  of the witness. What an example reads is made first: the files it names
  (`prestazioni-2020.csv`, `modulo-firmato.pdf`, a checkpoint, `my-policies/`), and what its
  stand-ins stand for (the grant, the emergency access, a restriction to lift, the people
  `beneficiary find` looks for). `registro init` and `registro demo` examples run in an empty
  directory, with no REGISTRO_DB and with REGISTRO_PASSPHRASE set.

Examples that cannot run as written are listed in NOT_RUN with the reason. Prints one line per
failing example and exits 1 when any fails.

Usage: documented_examples.py --registro PATH/TO/registro [--verbose]
"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Examples that cannot run as written, by their text's start, with the reason.
NOT_RUN = {
    "registro serve": "serves until stopped (ServeCommandTests runs it and stops it)",
    "registro user password --id coala-sw < password.txt": "reads a password the operator chose from their file",
    "registro demo --db big.db": "builds a registry of 100,000 deliveries: minutes, not a test",
}

# Files an example reads, made in its directory first: name -> content, or a callable(dir).
PRESTAZIONI = (
    "codice_fiscale,ref,given_name,family_name,sex,service_code,date,hours\n"
    "RSSMRA85T50A479J,AT-2020-17,Maria,Rossi,F,RT.LAV01,2020-03-02,1\n"
    ",AT-2020-18,Luca,Dell'Acqua,M,RT.LAV01,2020-03-03,1.5\n"
)

# The stand-ins of Docs/CLI.md's examples.
OWN_PERSON = "B7K3M9Q2X4TA"
PARTNER_PERSON = "B5W30HCV0K4C"
OWN_GRANT = "C5Q0W2M8R1ZX"
EMERGENCY = "EA7K3M9Q2X4T"
WITNESS_COPY = "/mnt/witness/registro.witness"

# Examples whose documented answer on the demo registry is not 0: start -> (status, why).
EXPECTED = {
    "registro audit key --create": (64, "the demo registry has an audit key of its own already"),
}


def run(command, cwd, env, timeout=300):
    return subprocess.run(
        ["/bin/sh", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def example_lines(text):
    """The `registro …` lines of `text`, continuation lines (ending with a backslash) joined."""
    examples = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        index += 1
        if not line.startswith("registro "):
            continue
        while line.endswith("\\") and index < len(lines):
            line = line[:-1].rstrip() + " " + lines[index].strip()
            index += 1
        examples.append(line)
    return examples


def help_examples(registro):
    """(command, example) for every example in every command's --help."""
    dump = json.loads(subprocess.run(
        [registro, "--experimental-dump-help"], capture_output=True, text=True, check=True).stdout)
    found = []

    def walk(command, path):
        name = " ".join(path)
        found.extend((name, example) for example in example_lines(command.get("discussion", "")))
        for sub in command.get("subcommands", []):
            walk(sub, path + [sub["commandName"]])

    walk(dump["command"], [dump["command"]["commandName"]])
    return found


def sh_blocks(markdown, heading=None):
    """The lines of the ```sh blocks of `markdown` (under `heading` only, when given)."""
    if heading is not None:
        start = markdown.index(heading)
        following = markdown.find("\n## ", start + len(heading))
        markdown = markdown[start:following if following >= 0 else len(markdown)]
    return "\n".join(re.findall(r"```sh\n(.*?)```", markdown, re.S))


def acting_user(example):
    match = re.search(r"--as\s+(\S+)", example)
    return match.group(1) if match else None


class DemoRegistry:
    """A fresh demo registry, copied for each example, and the stand-ins' values in it."""

    def __init__(self, registro, directory):
        self.directory = directory
        os.makedirs(directory)
        self.db = os.path.join(directory, "registro.db")
        env = dict(os.environ)
        env.pop("REGISTRO_PASSPHRASE", None)
        result = subprocess.run(
            [registro, "demo", "--db", self.db], capture_output=True, text=True, env=env, timeout=600)
        if result.returncode != 0:
            sys.exit("registro demo failed: " + result.stderr)
        self.files = [name for name in os.listdir(directory) if name.startswith("registro.db")]
        connection = sqlite3.connect(self.db)
        self.user_org = dict(connection.execute("SELECT id, org_id FROM operator"))
        self.people = {}
        for person, owner in connection.execute(
                """SELECT b.id, b.owner_org FROM beneficiary b
                   WHERE NOT EXISTS (SELECT 1 FROM restriction r WHERE r.beneficiary_id = b.id)
                     AND NOT EXISTS (SELECT 1 FROM erasure e WHERE e.beneficiary_id = b.id)
                     AND EXISTS (SELECT 1 FROM delivery d WHERE d.beneficiary_id = b.id)
                   ORDER BY b.rowid"""):
            self.people.setdefault(owner, person)
        connection.close()

    def copy_into(self, target):
        for name in self.files:
            shutil.copy2(os.path.join(self.directory, name), os.path.join(target, name))
        return os.path.join(target, "registro.db")

    def substitute(self, example, values):
        """`example` with the stand-ins replaced for its acting user (the admin's organisation
        when it names none)."""
        org = self.user_org.get(acting_user(example) or "admin", self.user_org["admin"])
        own = self.people.get(org, OWN_PERSON)
        partner = next(person for owner, person in self.people.items() if owner != org)
        replaced = example.replace(OWN_PERSON, own).replace(PARTNER_PERSON, partner)
        for stand_in, value in values.items():
            replaced = replaced.replace(stand_in, value)
        return replaced


def prepare(examples, cwd, env, demo):
    """Makes what `examples` read, as their user would have it: the files they name, and, on
    the demo registry, the state their stand-ins stand for. Returns the stand-ins' values."""
    with open(os.path.join(cwd, "prestazioni-2020.csv"), "w", encoding="utf-8") as out:
        out.write(PRESTAZIONI)
    with open(os.path.join(cwd, "modulo-firmato.pdf"), "wb") as out:
        out.write(b"%PDF-1.4 modulo firmato\n")
    shutil.copytree(os.path.join(ROOT, "Policies"), os.path.join(cwd, "Policies"))
    shutil.copytree(os.path.join(ROOT, "Policies"), os.path.join(cwd, "my-policies"))
    values = {}
    text = "\n".join(examples)
    if "REGISTRO_DB" not in env:
        return values
    # The witness copy kept elsewhere (`/mnt/witness/…`): a copy of the demo's witness.
    os.mkdir(os.path.join(cwd, "witness-copy"))
    shutil.copy2(env["REGISTRO_DB"] + ".witness", os.path.join(cwd, "witness-copy", "registro.witness"))
    values[WITNESS_COPY] = "witness-copy/registro.witness"
    if "--checkpoint checkpoint-2026-11.json" in text:
        run("registro audit checkpoint --out checkpoint-2026-11.json --as dpo", cwd, env)
    if "registro beneficiary find" in text:
        # The people the examples look for, recorded by the organisation's spreadsheet.
        run("registro import deliveries prestazioni-2020.csv --as coala-sw", cwd, env)
    coala_person = demo.people["coala"]
    if OWN_GRANT in text:
        result = run(
            f"registro consent grant --beneficiary {coala_person} --to quadrante-alat "
            "--purpose presa_in_carico_condivisa --scope identity --as coala-sw", cwd, env)
        values[OWN_GRANT] = result.stdout.strip()
    if EMERGENCY in text:
        run(f"registro case show {coala_person} --purpose presa_in_carico_condivisa --emergency "
            "--reason 'Ricovero urgente in pronto soccorso' --as jokko-sw", cwd, env)
        connection = sqlite3.connect(env["REGISTRO_DB"])
        values[EMERGENCY] = connection.execute(
            "SELECT id FROM emergency_access WHERE beneficiary_id = ? ORDER BY rowid DESC LIMIT 1",
            [coala_person]).fetchone()[0]
        connection.close()
    if "registro subject unrestrict" in text:
        run(f"registro subject restrict {coala_person} --reason 'accuracy contested' --as coala-dpo", cwd, env)
    return values


def tour(readme):
    """The README tour's examples, in order."""
    return example_lines(sh_blocks(readme, "## A short tour"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registro", required=True)
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    registro = os.path.abspath(options.registro)
    base_env = dict(os.environ)
    base_env["PATH"] = os.path.dirname(registro) + os.pathsep + base_env.get("PATH", "")
    for name in ("REGISTRO_DB", "REGISTRO_KEYRING", "REGISTRO_USER", "REGISTRO_WITNESS", "REGISTRO_PASSPHRASE"):
        base_env.pop(name, None)
    failures = []
    ran = 0
    skipped = []

    def check(source, example, command, cwd, env):
        nonlocal ran
        ran += 1
        result = run(command, cwd, env)
        if options.verbose:
            print(f"{result.returncode:3} {source}: {command}")
        status = next((status for start, (status, _) in EXPECTED.items() if example.startswith(start)), 0)
        if result.returncode != status:
            failures.append(
                f"{source}: `{example}` exited {result.returncode}, not {status}: {result.stderr.strip()[:300]}")
        return result

    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as file:
        readme = file.read()
    with open(os.path.join(ROOT, "Docs", "CLI.md"), encoding="utf-8") as file:
        cli = file.read()

    with tempfile.TemporaryDirectory(prefix="registro-examples-") as work:
        # The README's tour, in one directory, in order.
        directory = os.path.join(work, "tour")
        os.mkdir(directory)
        env = dict(base_env, REGISTRO_PASSPHRASE="una frase lunga e segreta")
        with open(os.path.join(directory, "prestazioni.csv"), "w", encoding="utf-8") as out:
            out.write(PRESTAZIONI)
        with open(os.path.join(directory, "modulo-firmato.pdf"), "wb") as out:
            out.write(b"%PDF-1.4 modulo firmato\n")
        person = None
        for example in tour(readme):
            command = example.replace("B…", person) if person else example
            result = check("README tour", example, command, directory, env)
            if example.startswith("registro beneficiary add") and result.returncode == 0:
                person = result.stdout.strip()

        demo = DemoRegistry(registro, os.path.join(work, "demo"))
        others = [(f"`{name} --help`", example) for name, example in help_examples(registro)]
        others += [("README", example) for example in example_lines(sh_blocks(readme)) if example not in tour(readme)]
        others += [("Docs/CLI.md", example) for example in example_lines(sh_blocks(cli))]
        # The examples of one source (a command's --help, a document) run in order on one copy.
        groups = {}
        for source, example in others:
            groups.setdefault(source, []).append(example)
        for number, (source, examples) in enumerate(groups.items()):
            cwd = os.path.join(work, f"examples-{number}")
            os.mkdir(cwd)
            env = dict(base_env)
            if not any(re.match(r"registro (init|demo)\b", example) for example in examples):
                env["REGISTRO_DB"] = demo.copy_into(cwd)
            else:
                env["REGISTRO_PASSPHRASE"] = "una frase lunga e segreta"
            values = prepare(examples, cwd, env, demo)
            for example in examples:
                reason = next((why for start, why in NOT_RUN.items() if example.startswith(start)), None)
                if reason:
                    skipped.append(f"{source}: `{example}`: {reason}")
                    continue
                check(source, example, demo.substitute(example, values), cwd, env)

    for line in skipped:
        print("not run: " + line)
    for line in failures:
        print("FAILED " + line)
    print(f"{ran} documented examples run, {len(failures)} failed, {len(skipped)} not run as written")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
