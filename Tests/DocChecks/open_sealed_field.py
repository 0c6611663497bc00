#!/usr/bin/env python3
"""Opens a Registro registry's sealed fields using only what Docs/PRIVACY.md says.

Uses PyNaCl (a libsodium binding) for XChaCha20-Poly1305 and Argon2id, and Python's hashlib for
BLAKE2b; nothing from Registro. Prints, for every beneficiary, a JSON object with its opened
personal fields, its opened special-category vulnerabilities, whether its blind index matches
the opened codice fiscale, and the opened notes of its deliveries.

Usage: open_sealed_field.py DATABASE KEYRING   (REGISTRO_PASSPHRASE for a sealed keyring)
"""
import base64
import hashlib
import json
import os
import sqlite3
import sys

from nacl import bindings, pwhash

CONTEXT = b"Registro"


def derive(root, subkey_id):
    """crypto_kdf_derive_from_key(32, id, "Registro", root) as libsodium defines it."""
    return hashlib.blake2b(
        b"", digest_size=32, key=root,
        salt=subkey_id.to_bytes(8, "little") + bytes(8), person=CONTEXT + bytes(8)).digest()


def aead_open(box, associated_data, key):
    nonce, ciphertext = box[:24], box[24:]
    return bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, associated_data, nonce, key)


def unpad(padded):
    """Undoes sodium_pad: strips the zero bytes, then the 0x80 byte before them."""
    stripped = padded.rstrip(b"\x00")
    assert stripped.endswith(b"\x80") and len(padded) % 16 == 0 and len(padded) - len(stripped) < 16, "bad padding"
    return stripped[:-1]


def open_field(sealed, associated_data, key):
    """A sealed field: layout 0x02 (padded to 16-byte blocks) or 0x01 (older, unpadded)."""
    assert sealed[0] in (0x01, 0x02), "unknown layout version"
    plaintext = aead_open(sealed[1:], associated_data, key)
    return (unpad(plaintext) if sealed[0] == 0x02 else plaintext).decode("utf-8")


def root_key(keyring_path):
    with open(keyring_path) as handle:
        keyring = json.load(handle)
    sealed = base64.b64decode(keyring["root_key"])
    if keyring["protection"] == "none":
        return sealed
    kdf = keyring["kdf"]
    sealing_key = pwhash.argon2id.kdf(
        32, os.environ["REGISTRO_PASSPHRASE"].encode(), base64.b64decode(kdf["salt"]),
        opslimit=kdf["opslimit"], memlimit=kdf["memlimit"])
    return aead_open(sealed, b"registro-keyring/v1", sealing_key)


def main(database, keyring_path):
    root = root_key(keyring_path)
    connection = sqlite3.connect(database)
    check = connection.execute("SELECT value FROM registry_meta WHERE key = 'key_check'").fetchone()[0]
    computed = hashlib.blake2b(b"registro key check", digest_size=32, key=derive(root, 1)).hexdigest()
    assert computed == check, "the key check value does not match this keyring"
    blind_key = derive(root, 2)
    columns = ["given_name", "family_name", "codice_fiscale", "birth_date", "phone", "email", "address", "notes", "sensitive"]
    rows = connection.execute(
        "SELECT b.id, b.cf_index, k.kek_generation, k.wrapped_key, " + ", ".join("b." + c for c in columns)
        + " FROM beneficiary b JOIN beneficiary_key k ON k.beneficiary_id = b.id ORDER BY b.id")
    for row in rows.fetchall():
        beneficiary, cf_index, generation, wrapped = row[:4]
        kek = derive(root, 1000 + generation)
        data_key = aead_open(wrapped, f"registro/v1|data-key|{beneficiary}|{generation}".encode(), kek)
        opened = {}
        for column, sealed in zip(columns, row[4:]):
            if sealed is None:
                continue
            ad = f"registro/v1|beneficiary|{column}|{beneficiary}".encode()
            opened[column] = open_field(sealed, ad, data_key)
        special = connection.execute(
            "SELECT codes FROM special_vulnerability WHERE beneficiary_id = ?", (beneficiary,)).fetchone()
        special_codes = []
        if special is not None:
            ad = f"registro/v1|special_vulnerability|codes|{beneficiary}".encode()
            special_codes = open_field(special[0], ad, data_key).splitlines()
        blind_index_ok = None
        if "codice_fiscale" in opened:
            index = hashlib.blake2b(opened["codice_fiscale"].encode(), digest_size=32, key=blind_key).digest()
            blind_index_ok = index == cf_index
        notes = []
        for delivery, sealed in connection.execute(
                "SELECT id, notes FROM delivery WHERE beneficiary_id = ? AND notes IS NOT NULL ORDER BY id", (beneficiary,)):
            ad = f"registro/v1|delivery|notes|{delivery}".encode()
            notes.append(open_field(sealed, ad, data_key))
        print(json.dumps({"id": beneficiary, "fields": opened, "special_vulnerabilities": special_codes,
                          "blind_index_ok": blind_index_ok, "delivery_notes": notes}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
