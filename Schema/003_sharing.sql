-- Registro schema, migration 003: privacy-scoped sharing (SPEC §3, §4).
-- Consent grants and their revocations, emergency accesses, restrictions (GDPR art. 18) and
-- erasures (art. 17). History is never overwritten: grants, revocations and emergency accesses
-- refuse UPDATE and DELETE, so the registry can show what was allowed at any past moment.
-- Free text (reasons, evidence references) is sealed under the person's data key and goes
-- with it at erasure; erasure reasons are sealed under the registry's records key.

-- A person's consent to share categories of their case file with an organisation or a
-- network, for one purpose. `given` 0 records a refusal. Active = given, not revoked, not
-- expired; evaluated fail-closed.
CREATE TABLE consent_grant (
    id TEXT PRIMARY KEY NOT NULL,
    beneficiary_id TEXT NOT NULL REFERENCES beneficiary(id),
    grantor_org TEXT NOT NULL REFERENCES organisation(id),
    grantee_org TEXT REFERENCES organisation(id),
    grantee_network TEXT REFERENCES network(id),
    purpose TEXT NOT NULL REFERENCES purpose_code(code),
    scope TEXT NOT NULL,
    explicit INTEGER NOT NULL CHECK (explicit IN (0, 1)),
    given INTEGER NOT NULL CHECK (given IN (0, 1)),
    given_at TEXT NOT NULL,
    expires_on TEXT,
    notice_version TEXT NOT NULL,
    evidence_reference BLOB,
    evidence_digest TEXT,
    recorded_by TEXT NOT NULL REFERENCES operator(id),
    CHECK ((grantee_org IS NULL) <> (grantee_network IS NULL))
);

CREATE INDEX consent_grant_beneficiary ON consent_grant(beneficiary_id, purpose);

CREATE TABLE consent_revocation (
    grant_id TEXT PRIMARY KEY NOT NULL REFERENCES consent_grant(id),
    revoked_at TEXT NOT NULL,
    revoked_by TEXT NOT NULL REFERENCES operator(id),
    reason BLOB NOT NULL
);

-- Break-the-glass accesses: a social worker reads a case without consent, for a reason, for a
-- few hours; always audited and listed for the privacy officer.
CREATE TABLE emergency_access (
    id TEXT PRIMARY KEY NOT NULL,
    beneficiary_id TEXT NOT NULL REFERENCES beneficiary(id),
    user_id TEXT NOT NULL REFERENCES operator(id),
    purpose TEXT NOT NULL REFERENCES purpose_code(code),
    opened_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    reason BLOB NOT NULL
);

CREATE INDEX emergency_access_person ON emergency_access(beneficiary_id, user_id);

-- Restrictions of processing (art. 18): while one is not lifted, nobody reads or uses the
-- person's data. Lifting fills `lifted_at` and `lifted_by`; nothing else ever changes.
CREATE TABLE restriction (
    id INTEGER PRIMARY KEY,
    beneficiary_id TEXT NOT NULL REFERENCES beneficiary(id),
    restricted_at TEXT NOT NULL,
    restricted_by TEXT NOT NULL REFERENCES operator(id),
    reason BLOB NOT NULL,
    lifted_at TEXT,
    lifted_by TEXT REFERENCES operator(id)
);

CREATE UNIQUE INDEX restriction_active ON restriction(beneficiary_id) WHERE lifted_at IS NULL;

-- Erasures (art. 17): the person's data key and blind index are destroyed; the row says when,
-- by whom and why (sealed under the registry's records key).
CREATE TABLE erasure (
    beneficiary_id TEXT PRIMARY KEY NOT NULL REFERENCES beneficiary(id),
    erased_at TEXT NOT NULL,
    erased_by TEXT NOT NULL REFERENCES operator(id),
    reason BLOB NOT NULL
);

CREATE TRIGGER consent_grant_no_update BEFORE UPDATE ON consent_grant
BEGIN
    SELECT RAISE(ABORT, 'consent grants are never changed: record a revocation or a new grant');
END;

CREATE TRIGGER consent_grant_no_delete BEFORE DELETE ON consent_grant
BEGIN
    SELECT RAISE(ABORT, 'consent grants are never deleted: record a revocation');
END;

CREATE TRIGGER consent_revocation_no_change BEFORE UPDATE ON consent_revocation
BEGIN
    SELECT RAISE(ABORT, 'consent revocations are never changed');
END;

CREATE TRIGGER consent_revocation_no_delete BEFORE DELETE ON consent_revocation
BEGIN
    SELECT RAISE(ABORT, 'consent revocations are never deleted');
END;

CREATE TRIGGER emergency_access_no_update BEFORE UPDATE ON emergency_access
BEGIN
    SELECT RAISE(ABORT, 'emergency accesses are never changed');
END;

CREATE TRIGGER emergency_access_no_delete BEFORE DELETE ON emergency_access
BEGIN
    SELECT RAISE(ABORT, 'emergency accesses are never deleted');
END;

CREATE TRIGGER restriction_only_lifted BEFORE UPDATE ON restriction
WHEN OLD.lifted_at IS NOT NULL
    OR NEW.beneficiary_id IS NOT OLD.beneficiary_id OR NEW.restricted_at IS NOT OLD.restricted_at
    OR NEW.restricted_by IS NOT OLD.restricted_by OR NEW.reason IS NOT OLD.reason
BEGIN
    SELECT RAISE(ABORT, 'a restriction is only ever lifted, once');
END;

CREATE TRIGGER restriction_no_delete BEFORE DELETE ON restriction
BEGIN
    SELECT RAISE(ABORT, 'restrictions are never deleted');
END;
