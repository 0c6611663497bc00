-- Registro schema, migration 007: special-category vulnerabilities sealed per person.
-- Vulnerability codes that reveal special categories of personal data (GDPR art. 9 and 10:
-- health, disability, loss of self-sufficiency, mental health, addiction, detention,
-- gender-based violence, international protection) are marked `special` and are never stored
-- in clear: `beneficiary_vulnerability` keeps the other codes only.

-- The column is filled from Schema/codes/vulnerability.csv when the reference codes are loaded;
-- a registry holding people with a special code in clear is then marked (`registry_meta` key
-- `special_codes_in_clear`) and refused until `registro keys seal-special` has sealed them.
ALTER TABLE vulnerability_code ADD COLUMN special INTEGER NOT NULL DEFAULT 0 CHECK (special IN (0, 1));

-- Each person's special-category vulnerabilities, with the organisation that recorded each,
-- sealed under the person's data key (associated data `registro/v1|special_vulnerability|codes|ID`).
-- Every person recorded from this version on has a row, an empty list included, so that the
-- row's presence tells nothing; erasure deletes it.
CREATE TABLE special_vulnerability (
    beneficiary_id TEXT PRIMARY KEY NOT NULL REFERENCES beneficiary(id),
    codes BLOB NOT NULL
) WITHOUT ROWID;
