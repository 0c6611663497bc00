-- A consent to a network covers the organisations that were its members when it was given: the
-- grant records them here, and an organisation that joins later needs a new grant. Grants made
-- before this table existed are taken to cover the members of their network now.
CREATE TABLE consent_grant_member (
    grant_id TEXT NOT NULL REFERENCES consent_grant(id),
    org_id TEXT NOT NULL REFERENCES organisation(id),
    PRIMARY KEY (grant_id, org_id)
) WITHOUT ROWID;

INSERT INTO consent_grant_member (grant_id, org_id)
    SELECT g.id, m.org_id FROM consent_grant g JOIN network_member m ON m.network_id = g.grantee_network;

-- The review of an emergency access by the owner's privacy officer: who, when, and a note
-- sealed under the registry's records key. An access without a row here waits in the queue.
CREATE TABLE emergency_review (
    emergency_id TEXT PRIMARY KEY NOT NULL REFERENCES emergency_access(id),
    reviewed_at TEXT NOT NULL,
    reviewed_by TEXT NOT NULL REFERENCES operator(id),
    note BLOB NOT NULL
);
