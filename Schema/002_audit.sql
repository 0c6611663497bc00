-- Registro schema, migration 002: the tamper-evident audit log (SPEC §6, Docs/PRIVACY.md
-- "Audit log").
--
-- Every entry is chained to the one before it: `hash` is the unkeyed BLAKE2b-256 of
-- `prev_hash` followed by the canonical encoding of the columns `version` to `detail`, in
-- this order. Tables are STRICT so that a value keeps the type it was hashed with. No column
-- ever holds personal data: beneficiaries appear only by pseudonymous id, and every text is
-- an identifier or a code written by registro itself, never text typed by a user.

CREATE TABLE audit_entry (
    -- Encoding version of the entry (1).
    version INTEGER NOT NULL CHECK (version = 1),
    -- 1, 2, 3, ... with no gap.
    seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
    -- UTC, ISO 8601 with milliseconds: 2026-11-22T09:30:00.123Z.
    time TEXT NOT NULL,
    -- The operator acting, and their organisation; NULL while the registry had no user.
    actor TEXT,
    org TEXT,
    -- What was done or asked: read, record, lookup, import, add_organisation, audit, ...
    action TEXT NOT NULL,
    -- What it was done to, as `kind:id` (beneficiary:B7K3M9Q2X4TA, delivery:17, import:3).
    resource TEXT,
    -- The beneficiary concerned, by pseudonymous id, when the entry is about one person.
    subject TEXT,
    -- The case-file category (identity, contact, needs, services, sensitive, notes).
    category TEXT,
    -- The purpose of a read or share (a purpose code).
    purpose TEXT,
    decision TEXT NOT NULL CHECK (decision IN ('allow', 'deny')),
    -- The determining policy ids, comma-separated, in the policy engine's order.
    policies TEXT NOT NULL,
    -- BLAKE2b-256 of the policy set in force.
    policy_set BLOB NOT NULL CHECK (length(policy_set) = 32),
    -- 1 for an access under emergency ("break the glass"), with the emergency access's id.
    emergency INTEGER NOT NULL CHECK (emergency IN (0, 1)),
    emergency_ref TEXT,
    -- The consent grant ids that fed the decision, comma-separated.
    consents TEXT NOT NULL,
    -- For imports: rows imported and the file's BLAKE2b-256 digest.
    row_count INTEGER,
    file_digest BLOB CHECK (file_digest IS NULL OR length(file_digest) = 32),
    -- A short note written by registro (never user input), e.g. `dry run`.
    detail TEXT,
    -- The chain: the previous entry's hash (32 zero bytes for entry 1), and this entry's.
    prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
    hash BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;

CREATE INDEX audit_entry_subject ON audit_entry(subject) WHERE subject IS NOT NULL;
CREATE INDEX audit_entry_time ON audit_entry(time);

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed');
END;

CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted');
END;

-- The checkpoints issued by `registro audit checkpoint`, kept so that `audit verify` also
-- checks the log against them. The copy a privacy officer keeps outside is what counts
-- against someone who can rewrite this file.
CREATE TABLE audit_checkpoint (
    seq INTEGER PRIMARY KEY NOT NULL,
    head BLOB NOT NULL CHECK (length(head) = 32),
    time TEXT NOT NULL,
    public_key BLOB NOT NULL CHECK (length(public_key) = 32),
    signature BLOB NOT NULL CHECK (length(signature) = 64)
) STRICT;

CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'audit checkpoints are append-only: they cannot be changed');
END;

CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'audit checkpoints are append-only: they cannot be deleted');
END;
