#!/usr/bin/env python3
"""Differential test of Registro's policy engine against Cedar itself (cedarpy).

Generates random policy sets in Registro's Cedar subset (nested boolean logic, every
operator, `if`, sets, records, `like`, arithmetic near overflow, missing attributes and
entities, entity and action hierarchies), random entities and requests, decides every
request with `registro policy eval --batch` and with `cedarpy.is_authorized_batch`, and
fails unless every decision, reason set and error flag agree.

It also validates random policies against a schema with `registro policy check` and with
`cedarpy.validate_policies`, and fails unless both accept and refuse the same policies.

Usage: differential.py --registro PATH [--seed N] [--sets N] [--requests N]
                       [--validation-policies N] [--keep DIR]
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

import cedarpy

LONG_MAX = 9223372036854775807
LONG_MIN = -9223372036854775808

ENTITY_TYPES = ["User", "Group", "Doc", "Org"]
IDS = ["alice", "bob", "carol", "", "é", "e\u0301", 'q"uote', "back\\slash", "new\nline", "nul\u0000", "tab\tx", "∑"]
ACTIONS = ["read", "write", "export", "audit"]
ACTION_GROUPS = {"readOnly": ["read", "export"], "all": ["readOnly", "write"]}
ATTRS = ["role", "level", "org", "tags", "profile", "owner", "category", "size", "readers", "flag", "missing"]
STRINGS = ["", "a", "ab", "social_worker", "coordinator", "needs", "sensitive", "é", "e\u0301", "*", "a*b", "x\ny"]
PATTERNS = ["*", "a*", "*b", "a*b", "\\*", "*\\**", "", "s*_*", "é*", "**", "co*r"]
LONGS = [0, 1, -1, 2, 7, 100, LONG_MAX, LONG_MIN, LONG_MAX - 1, LONG_MIN + 1, 4611686018427387904, 3037000500, -3037000500]


def cedar_string(text):
    out = []
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\0":
            out.append("\\0")
        elif ord(ch) < 0x20:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def cedar_pattern(pattern):
    # Patterns are written as-is: `*` is a wildcard, `\*` a literal star.
    return '"' + pattern.replace('"', '\\"') + '"'


def entity_literal(etype, eid):
    return "%s::%s" % (etype, cedar_string(eid))


def long_literal(value):
    return str(value) if value >= 0 else "-%d" % -value if value != LONG_MIN else "-9223372036854775808"


class Generator:
    def __init__(self, rng):
        self.rng = rng

    def choice(self, items):
        return self.rng.choice(items)

    def uid(self, types=None):
        return (self.choice(types or ENTITY_TYPES), self.choice(IDS[:6] if self.rng.random() < 0.8 else IDS))

    # Expressions of (roughly) a given type; ill-typed choices appear on purpose.
    def expr(self, kind, depth):
        if depth <= 0 or self.rng.random() < 0.25:
            return self.leaf(kind)
        makers = {
            "bool": self.bool_expr,
            "long": self.long_expr,
            "string": self.string_expr,
            "set": self.set_expr,
            "entity": self.entity_expr,
            "record": self.record_expr,
        }
        if self.rng.random() < 0.06:
            kind = self.choice(list(makers))  # a type error, now and then
        return makers[kind](depth - 1)

    def any_expr(self, depth):
        return self.expr(self.choice(["bool", "long", "string", "set", "entity", "record"]), depth)

    def leaf(self, kind):
        r = self.rng.random()
        if kind == "bool":
            return self.choice(["true", "false", "context.emergency", "principal.flag", "(principal has flag)"])
        if kind == "long":
            return self.choice([long_literal(self.choice(LONGS)), "principal.level", "resource.size", "context.n", "principal.profile.age"])
        if kind == "string":
            return self.choice([cedar_string(self.choice(STRINGS)), "principal.role", "resource.category", "context.purpose", 'principal["role"]'])
        if kind == "set":
            return self.choice(["principal.tags", "resource.readers", "context.consented", "[]", "[1, 2]", '["needs", "services"]'])
        if kind == "entity":
            if r < 0.5:
                return self.choice(["principal", "resource", "action", "principal.org", "resource.owner"])
            return entity_literal(*self.uid())
        return self.choice(["context", "principal.profile", "context.rec", "{}", '{"a": 1}'])

    def bool_expr(self, d):
        r = self.rng.randrange(22)
        e = lambda k: self.expr(k, d)
        if r == 0:
            return "(%s && %s)" % (e("bool"), e("bool"))
        if r == 1:
            return "(%s || %s)" % (e("bool"), e("bool"))
        if r == 2:
            return "(!%s)" % e("bool")
        if r == 3:
            return "(if %s then %s else %s)" % (e("bool"), e("bool"), e("bool"))
        if r in (4, 5):
            op = self.choice(["<", "<=", ">", ">="])
            return "(%s %s %s)" % (e("long"), op, e("long"))
        if r in (6, 7):
            op = self.choice(["==", "!="])
            kind = self.choice(["bool", "long", "string", "set", "entity", "record"])
            return "(%s %s %s)" % (e(kind), op, self.expr(kind if self.rng.random() < 0.8 else "long", d))
        if r == 8:
            return "(%s in %s)" % (e("entity"), e("entity"))
        if r == 9:
            items = ", ".join(e("entity") for _ in range(self.rng.randrange(3)))
            return "(%s in [%s])" % (e("entity"), items)
        if r in (10, 11):
            target = self.choice(["principal", "resource", "context", "principal.profile", "context.rec", "resource.owner", "principal.org", e("record")])
            attr = self.choice(ATTRS + ["age", "name", "nested", "a", "purpose", "n"])
            if self.rng.random() < 0.3:
                attr = "%s.%s" % (attr, self.choice(["age", "nested", "flag", "x"]))
            elif self.rng.random() < 0.2:
                attr = cedar_string(self.choice(["role", "", "é", "a b"]))
            return "(%s has %s)" % (target, attr)
        if r == 12:
            return "(%s like %s)" % (e("string"), cedar_pattern(self.choice(PATTERNS)))
        if r == 13:
            return "(%s is %s)" % (e("entity"), self.choice(ENTITY_TYPES + ["Action"]))
        if r == 14:
            return "(%s is %s in %s)" % (e("entity"), self.choice(ENTITY_TYPES), e("entity"))
        if r == 15:
            return "%s.contains(%s)" % (self.paren(e("set")), self.any_expr(d))
        if r == 16:
            return "%s.%s(%s)" % (self.paren(e("set")), self.choice(["containsAll", "containsAny"]), e("set"))
        if r == 17:
            return "%s.isEmpty()" % self.paren(e("set"))
        if r == 18:
            return "principal.profile.nested.flag"
        if r == 19:
            # Guarded access, the idiom that must not error.
            return "(principal has profile && principal.profile.age > %s)" % long_literal(self.choice(LONGS))
        if r == 20:
            return "(context has consented && context.consented.contains(%s))" % cedar_string(self.choice(STRINGS))
        return "(resource has owner && resource.owner == principal)"

    def paren(self, text):
        return text if text.startswith(("(", "[", "principal", "resource", "context")) else "(%s)" % text

    def long_expr(self, d):
        r = self.rng.randrange(7)
        e = lambda k: self.expr(k, d)
        if r < 3:
            return "(%s %s %s)" % (e("long"), self.choice(["+", "-", "*"]), e("long"))
        if r == 3:
            return "(-%s)" % e("long")
        if r == 4:
            return "(if %s then %s else %s)" % (e("bool"), e("long"), e("long"))
        if r == 5:
            return "(%s * %s)" % (long_literal(self.choice([2, 3, -2, 1 << 32, LONG_MAX])), e("long"))
        return self.leaf("long")

    def string_expr(self, d):
        r = self.rng.randrange(3)
        if r == 0:
            return "(if %s then %s else %s)" % (self.expr("bool", d), self.expr("string", d), self.expr("string", d))
        if r == 1:
            return "%s.name" % self.paren(self.expr("record", d))
        return self.leaf("string")

    def set_expr(self, d):
        r = self.rng.randrange(3)
        if r == 0:
            kind = self.choice(["long", "string", "entity", "bool"])
            return "[%s]" % ", ".join(self.expr(kind, d) for _ in range(self.rng.randrange(4)))
        if r == 1:
            return "[%s]" % ", ".join(self.any_expr(d) for _ in range(self.rng.randrange(3)))
        return self.leaf("set")

    def entity_expr(self, d):
        r = self.rng.randrange(3)
        if r == 0:
            return "(if %s then %s else %s)" % (self.expr("bool", d), self.expr("entity", d), self.expr("entity", d))
        return self.leaf("entity")

    def record_expr(self, d):
        if self.rng.random() < 0.5:
            keys = self.rng.sample(["age", "name", "nested", "flag", "a", "é"], self.rng.randrange(4))
            return "{%s}" % ", ".join('%s: %s' % (cedar_string(k) if self.rng.random() < 0.5 else (k if k.isascii() else cedar_string(k)), self.any_expr(d)) for k in keys)
        return self.leaf("record")

    def scope(self):
        if self.rng.random() < 0.35:
            return "principal", "action", "resource"
        principal = self.choice([
            "principal",
            "principal",
            "principal",
            "principal == %s" % entity_literal(*self.uid(["User"])),
            "principal in %s" % entity_literal(*self.uid(["Group", "Org"])),
            "principal is User",
            "principal is User in %s" % entity_literal(*self.uid(["Group"])),
        ])
        action = self.choice([
            "action",
            "action",
            "action == Action::%s" % cedar_string(self.choice(ACTIONS)),
            "action in [%s]" % ", ".join("Action::%s" % cedar_string(a) for a in self.rng.sample(ACTIONS + list(ACTION_GROUPS), 2)),
            "action in Action::%s" % cedar_string(self.choice(list(ACTION_GROUPS))),
        ])
        resource = self.choice([
            "resource",
            "resource",
            "resource == %s" % entity_literal(*self.uid(["Doc"])),
            "resource in %s" % entity_literal(*self.uid(["Org", "Doc"])),
            "resource is Doc",
        ])
        return principal, action, resource

    def policy(self, index):
        lines = []
        if self.rng.random() < 0.4:
            lines.append('@id("rule-%d")' % index)
        effect = "permit" if self.rng.random() < 0.7 else "forbid"
        p, a, r = self.scope()
        lines.append("%s(%s, %s, %s)" % (effect, p, a, r))
        for _ in range(self.rng.randrange(3)):
            keyword = "when" if self.rng.random() < 0.75 else "unless"
            lines.append("%s { %s }" % (keyword, self.expr("bool", self.rng.randrange(1, 5))))
        return "\n".join(lines) + ";\n"

    def value(self, kind, depth=2):
        if kind == "string":
            return self.choice(STRINGS)
        if kind == "long":
            return self.choice(LONGS)
        if kind == "bool":
            return self.rng.random() < 0.5
        if kind == "entity":
            t, i = self.uid()
            return {"__entity": {"type": t, "id": i}}
        if kind == "set":
            inner = self.choice(["string", "long", "entity"])
            return [self.value(inner) for _ in range(self.rng.randrange(4))]
        record = {}
        for key in self.rng.sample(["age", "name", "nested", "flag", "a"], self.rng.randrange(4)):
            if key == "nested" and depth > 0:
                record[key] = self.value("record", depth - 1)
            else:
                record[key] = self.value({"age": "long", "name": "string", "flag": "bool", "a": "long"}.get(key, "bool"))
        return record

    def entities(self):
        result = []
        seen = set()
        for _ in range(self.rng.randrange(6, 16)):
            etype, eid = self.uid()
            if (etype, eid) in seen:
                continue
            seen.add((etype, eid))
            attrs = {}
            kinds = {"role": "string", "level": "long", "org": "entity", "tags": "set", "profile": "record",
                     "owner": "entity", "category": "string", "size": "long", "readers": "set", "flag": "bool"}
            for attr, kind in kinds.items():
                if self.rng.random() < 0.45:
                    attrs[attr] = self.value(kind)
            parents = []
            for _ in range(self.rng.randrange(3)):
                ptype, pid = self.uid(["Group", "Org"])
                if (ptype, pid) != (etype, eid):
                    parents.append({"type": ptype, "id": pid})
            result.append({"uid": {"type": etype, "id": eid}, "attrs": attrs, "parents": parents})
        # Keep the hierarchy acyclic, as Cedar requires: drop parents that close a cycle.
        result = self.acyclic(result)
        for action in ACTIONS + list(ACTION_GROUPS):
            parents = [{"type": "Action", "id": g} for g, members in ACTION_GROUPS.items() if action in members]
            result.append({"uid": {"type": "Action", "id": action}, "attrs": {}, "parents": parents})
        return result

    def acyclic(self, entities):
        key = lambda uid: (uid["type"], uid["id"])
        index = {key(e["uid"]): e for e in entities}
        for entity in entities:
            kept = []
            for parent in entity["parents"]:
                if not self.reaches(index, key(parent), key(entity["uid"]), set()):
                    kept.append(parent)
            entity["parents"] = kept
        return entities

    def reaches(self, index, start, target, seen):
        if start == target:
            return True
        if start in seen or start not in index:
            return False
        seen.add(start)
        return any(self.reaches(index, (p["type"], p["id"]), target, seen) for p in index[start]["parents"])

    def request(self):
        principal = self.uid(["User", "Group"])
        resource = self.uid(["Doc", "User", "Org"])
        context = {}
        for key, kind in (("purpose", "string"), ("n", "long"), ("emergency", "bool"), ("consented", "set"), ("rec", "record")):
            if self.rng.random() < 0.7:
                context[key] = self.value(kind)
        as_string = self.rng.random() < 0.3 and all(c.isalnum() for c in principal[1])
        return {
            "principal": entity_literal(*principal) if as_string else {"type": principal[0], "id": principal[1]},
            "action": {"type": "Action", "id": self.choice(ACTIONS * 4 + ["unknownAction"])},
            "resource": {"type": resource[0], "id": resource[1]},
            "context": context,
        }


STATS = {"allow": 0, "deny": 0, "with errors": 0, "with reasons": 0, "valid": 0, "invalid": 0}


def run_set(registro, gen, index, request_count, workdir):
    policies = "".join(gen.policy(i) for i in range(gen.rng.randrange(4, 11)))
    entities = gen.entities()
    requests = [gen.request() for _ in range(request_count)]
    base = os.path.join(workdir, "set%03d" % index)
    with open(base + ".cedar", "w", encoding="utf-8") as f:
        f.write(policies)
    with open(base + ".entities.json", "w", encoding="utf-8") as f:
        json.dump(entities, f, ensure_ascii=False)
    with open(base + ".requests.jsonl", "w", encoding="utf-8") as f:
        for request in requests:
            f.write(json.dumps(request, ensure_ascii=False) + "\n")

    expected = cedarpy.is_authorized_batch(requests, policies, entities)
    if expected and expected[0].decision == cedarpy.Decision.NoDecision:
        raise SystemExit("set %d: cedarpy refused the generated policies (generator bug):\n%s" % (index, policies))
    result = subprocess.run(
        [registro, "policy", "eval", "--policies", base + ".cedar", "--entities", base + ".entities.json", "--batch", base + ".requests.jsonl"],
        capture_output=True, text=True, encoding="utf-8")
    if result.returncode != 0:
        return [("set %d: registro failed with status %d: %s" % (index, result.returncode, result.stderr.strip()))], len(requests)
    lines = result.stdout.splitlines()
    if len(lines) != len(requests):
        return ["set %d: registro printed %d lines for %d requests" % (index, len(lines), len(requests))], len(requests)
    mismatches = []
    for cedar in expected:
        STATS["allow" if cedar.decision == cedarpy.Decision.Allow else "deny"] += 1
        STATS["with errors"] += bool(cedar.diagnostics.errors)
        STATS["with reasons"] += bool(cedar.diagnostics.reasons)
    for number, (cedar, line, request) in enumerate(zip(expected, lines, requests)):
        ours = json.loads(line)
        theirs = (cedar.decision.value, sorted(cedar.diagnostics.reasons), bool(cedar.diagnostics.errors))
        mine = (ours["decision"], sorted(ours["reasons"]), bool(ours["errors"]))
        if theirs != mine:
            mismatches.append("set %d request %d: cedar %s, registro %s\n  request: %s\n  cedar errors: %s\n  registro errors: %s"
                              % (index, number, theirs, mine, json.dumps(request, ensure_ascii=False), cedar.diagnostics.errors, ours["errors"]))
    return mismatches, len(requests)


SCHEMA = {"": {
    "entityTypes": {
        "Org": {},
        "Group": {"memberOfTypes": ["Org"]},
        "User": {"memberOfTypes": ["Group", "Org"], "shape": {"type": "Record", "attributes": {
            "role": {"type": "String"}, "level": {"type": "Long"}, "org": {"type": "Entity", "name": "Org"},
            "tags": {"type": "Set", "element": {"type": "String"}},
            "profile": {"type": "Record", "attributes": {
                "age": {"type": "Long"}, "name": {"type": "String", "required": False},
                "nested": {"type": "Record", "attributes": {"flag": {"type": "Boolean"}}}}},
            "flag": {"type": "Boolean", "required": False}}}},
        "Doc": {"memberOfTypes": ["Org"], "shape": {"type": "Record", "attributes": {
            "owner": {"type": "Entity", "name": "User"}, "category": {"type": "String"}, "size": {"type": "Long"},
            "readers": {"type": "Set", "element": {"type": "Entity", "name": "User"}}}}},
    },
    "actions": dict(
        [(name, {"memberOf": [{"id": g} for g, members in ACTION_GROUPS.items() if name in members],
                 "appliesTo": {"principalTypes": ["User", "Group"], "resourceTypes": ["Doc", "User", "Org"],
                               "context": {"type": "Record", "attributes": {
                                   "purpose": {"type": "String"}, "n": {"type": "Long"}, "emergency": {"type": "Boolean"},
                                   "consented": {"type": "Set", "element": {"type": "String"}},
                                   "rec": {"type": "Record", "attributes": {"a": {"type": "Long"}, "name": {"type": "String", "required": False}}}}}}})
         for name in ["read", "write", "export"]]
        + [("audit", {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Org"]}}),
           ("readOnly", {"memberOf": [{"id": "all"}]}), ("all", {})]),
}}


def run_validation(registro, gen, count, workdir):
    """Validates `count` random policies with registro and with cedarpy; returns mismatches."""
    schema = json.dumps(SCHEMA)
    folder = os.path.join(workdir, "validation")
    os.makedirs(folder, exist_ok=True)
    policies, lines = [], []
    line = 1
    for index in range(count):
        text = gen.policy(index)
        policies.append(text)
        lines.append((line, line + text.count("\n") - 1))
        line += text.count("\n")
    with open(os.path.join(folder, "policies.cedar"), "w", encoding="utf-8") as f:
        f.write("".join(policies))
    with open(os.path.join(folder, "schema.cedarschema.json"), "w", encoding="utf-8") as f:
        f.write(schema)
    result = subprocess.run([registro, "policy", "check", "--dir", folder], capture_output=True, text=True, encoding="utf-8")
    refused_lines = set()
    for problem in result.stdout.splitlines():
        parts = problem.split(":")
        if len(parts) > 2 and parts[1].isdigit():
            refused_lines.add(int(parts[1]))
    mismatches = []
    for index, (text, (first, last)) in enumerate(zip(policies, lines)):
        ours = not any(first <= n <= last for n in refused_lines)
        theirs = cedarpy.validate_policies(text, schema)
        STATS["valid" if theirs.validation_passed else "invalid"] += 1
        if ours != theirs.validation_passed:
            problems = [p for p in result.stdout.splitlines() if any(":%d:" % n in p for n in range(first, last + 1))]
            mismatches.append("validation of policy %d: cedar %s, registro %s\n%s  cedar: %s\n  registro: %s"
                              % (index, theirs.validation_passed, ours, text, [e.error for e in theirs.errors], problems))
    return mismatches


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registro", required=True, help="path to the built registro binary")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--sets", type=int, default=40)
    parser.add_argument("--requests", type=int, default=150, help="requests per policy set")
    parser.add_argument("--validation-policies", type=int, default=400, help="random policies to validate")
    parser.add_argument("--keep", help="write the generated files to this directory and keep them")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    gen = Generator(rng)
    workdir = args.keep or tempfile.mkdtemp(prefix="registro-differential-")
    os.makedirs(workdir, exist_ok=True)
    total = 0
    failures = []
    for index in range(args.sets):
        mismatches, count = run_set(args.registro, gen, index, args.requests, workdir)
        total += count
        failures += mismatches
    decision_failures = len(failures)
    failures += run_validation(args.registro, gen, args.validation_policies, workdir)
    for failure in failures[:20]:
        print(failure, file=sys.stderr)
    agreed = total + args.validation_policies - len(failures)
    print("differential: %d policy sets, %d requests, %d decisions agree with Cedar (cedarpy, seed %d)"
          % (args.sets, total, total - decision_failures, args.seed))
    print("differential: %d random policies validated, %d verdicts agree with Cedar's validator"
          % (args.validation_policies, args.validation_policies - (len(failures) - decision_failures)))
    print("Cedar's answers: %s" % ", ".join("%d %s" % (n, k) for k, n in STATS.items()))
    print("%d passed, %d failed" % (agreed, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
