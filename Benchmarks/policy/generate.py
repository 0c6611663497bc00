#!/usr/bin/env python3
"""Writes the policy benchmark's inputs: entities.json (networks, organisations, users,
case sections, actions) and requests.jsonl (N requests), deterministically from a seed.

Usage: generate.py OUTDIR [--requests N] [--seed N]
"""
import argparse
import json
import os
import random

ROLES = ["social_worker", "social_worker", "social_worker", "coordinator", "privacy_officer", "admin"]
CATEGORIES = ["identity", "contact", "needs", "services", "sensitive", "notes"]
PURPOSES = ["presa_in_carico_condivisa", "invio", "statistica", "emergenza", "marketing"]
ACTIONS = ["read"] * 12 + ["record", "record", "export", "erase", "grant_consent", "report", "report_unsuppressed", "audit"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.outdir, exist_ok=True)

    entities = []
    networks = ["quadrante-al-at", "rete-asti", "rete-aree-interne"]
    for network in networks:
        entities.append({"uid": {"type": "Network", "id": network}, "attrs": {}, "parents": []})
    orgs = ["org-%02d" % i for i in range(40)]
    for org in orgs:
        parents = [{"type": "Network", "id": n} for n in rng.sample(networks, rng.randrange(1, 3))]
        entities.append({"uid": {"type": "Organisation", "id": org}, "attrs": {"kind": "ets"}, "parents": parents})
    users = ["user-%03d" % i for i in range(400)]
    for user in users:
        org = rng.choice(orgs)
        entities.append({"uid": {"type": "User", "id": user},
                         "attrs": {"role": rng.choice(ROLES), "org": {"__entity": {"type": "Organisation", "id": org}}},
                         "parents": [{"type": "Organisation", "id": org}]})
    sections = []
    for index in range(3000):
        beneficiary = "b-%04d" % (index // 6)
        category = CATEGORIES[index % 6]
        owner = rng.choice(orgs)
        section = "%s/%s" % (beneficiary, category)
        sections.append(section)
        entities.append({"uid": {"type": "Section", "id": section},
                         "attrs": {"beneficiary": beneficiary, "category": category,
                                   "owner": {"__entity": {"type": "Organisation", "id": owner}}},
                         "parents": []})
    for action in sorted(set(ACTIONS)):
        entities.append({"uid": {"type": "Action", "id": action}, "attrs": {}, "parents": []})
    with open(os.path.join(args.outdir, "entities.json"), "w") as f:
        json.dump(entities, f)

    with open(os.path.join(args.outdir, "requests.jsonl"), "w") as f:
        for _ in range(args.requests):
            action = rng.choice(ACTIONS)
            resource = {"type": "Section", "id": rng.choice(sections)} if action not in ("report", "report_unsuppressed", "audit") \
                else {"type": "Organisation", "id": rng.choice(orgs)}
            context = {
                "purpose": rng.choice(PURPOSES),
                "consented": rng.sample(CATEGORIES, rng.randrange(0, 4)),
                "explicit_consent": rng.random() < 0.3,
                "restricted": rng.random() < 0.05,
                "now": 1_790_000_000,
            }
            if rng.random() < 0.1:
                context["emergency"] = {"until": 1_790_000_000 + rng.randrange(-3600, 7200), "reason": "persona a rischio"}
            request = {"principal": {"type": "User", "id": rng.choice(users)},
                       "action": {"type": "Action", "id": action}, "resource": resource, "context": context}
            f.write(json.dumps(request) + "\n")


if __name__ == "__main__":
    main()
