-- Registro schema, migration 009: a count of the changes that can alter an access decision.
-- A case file is decided and opened in a read transaction, beside other reads, and only its
-- audit entries are appended in the write that follows. The count is read in both: when it
-- moved in between, something the decisions depended on changed, and the case file is decided
-- again inside the write. Every change to those facts bumps it in its own transaction:
-- consent grants (with the members of a network they cover) and their revocations,
-- emergency accesses, restrictions placed or lifted, erasures, network membership, a change of a
-- person's owner, and a change of a user's organisation or role or of their account's
-- disabling. People and deliveries recorded (an import's many rows) do not bump it: a new
-- record changes no decision already made. Without its row, every case file is decided in the write.
CREATE TABLE access_generation (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    value INTEGER NOT NULL
);

INSERT INTO access_generation (id, value) VALUES (1, 0);

CREATE TRIGGER consent_grant_bumps_access AFTER INSERT ON consent_grant
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER consent_grant_member_bumps_access AFTER INSERT ON consent_grant_member
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER consent_revocation_bumps_access AFTER INSERT ON consent_revocation
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER emergency_access_bumps_access AFTER INSERT ON emergency_access
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER restriction_placed_bumps_access AFTER INSERT ON restriction
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER restriction_lifted_bumps_access AFTER UPDATE ON restriction
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER erasure_bumps_access AFTER INSERT ON erasure
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER network_member_added_bumps_access AFTER INSERT ON network_member
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER network_member_changed_bumps_access AFTER UPDATE ON network_member
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER network_member_removed_bumps_access AFTER DELETE ON network_member
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER beneficiary_owner_bumps_access AFTER UPDATE OF owner_org ON beneficiary
WHEN NEW.owner_org IS NOT OLD.owner_org
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER operator_changed_bumps_access AFTER UPDATE OF org_id, role ON operator
WHEN NEW.org_id IS NOT OLD.org_id OR NEW.role IS NOT OLD.role
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER operator_removed_bumps_access AFTER DELETE ON operator
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER account_disabling_bumps_access AFTER UPDATE OF disabled ON account
WHEN NEW.disabled IS NOT OLD.disabled
BEGIN
    UPDATE access_generation SET value = value + 1 WHERE id = 1;
END;
