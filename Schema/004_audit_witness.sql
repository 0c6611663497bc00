-- Registro schema, migration 004: the audit signing keys (SPEC §6, Docs/PRIVACY.md "Audit
-- log").
--
-- Every key that has signed the registry's checkpoints, with the first entry whose
-- checkpoints it signs: a checkpoint of entry N is checked against the key with the greatest
-- `since_seq` not above N. Registries made before this migration signed with a key derived
-- from the root key (`origin` 'keyring'); `registro audit key --create` gives them a key of
-- their own, kept in `<db>.audit-key` (`origin` 'file'), as `registro init` does for new
-- registries. While the table is empty, the key in `registry_meta` (`audit_public_key`)
-- signs every checkpoint.

CREATE TABLE audit_key (
    public_key BLOB PRIMARY KEY NOT NULL CHECK (length(public_key) = 32),
    since_seq INTEGER NOT NULL UNIQUE CHECK (since_seq >= 1),
    origin TEXT NOT NULL CHECK (origin IN ('keyring', 'file'))
) STRICT;

CREATE TRIGGER audit_key_no_update BEFORE UPDATE ON audit_key
BEGIN
    SELECT RAISE(ABORT, 'audit keys are append-only: they cannot be changed');
END;

CREATE TRIGGER audit_key_no_delete BEFORE DELETE ON audit_key
BEGIN
    SELECT RAISE(ABORT, 'audit keys are append-only: they cannot be deleted');
END;
