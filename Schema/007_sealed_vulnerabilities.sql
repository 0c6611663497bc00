-- Registro schema, migration 007: special-category vulnerabilities sealed per person.
-- Vulnerability codes that reveal special categories of personal data (GDPR art. 9 and 10:
-- health, disability, loss of self-sufficiency, mental health, addiction, detention,
-- gender-based violence, international protection) are marked `special` and are never stored
-- in clear: `beneficiary_vulnerability` keeps the other codes only.

ALTER TABLE vulnerability_code ADD COLUMN special INTEGER NOT NULL DEFAULT 0 CHECK (special IN (0, 1));
UPDATE vulnerability_code SET special = 1 WHERE code IN ('disabilita', 'non_autosufficienza', 'salute_mentale',
    'dipendenze', 'detenzione', 'violenza_di_genere', 'protezione_internazionale');

-- Each person's special-category vulnerabilities, with the organisation that recorded each,
-- sealed under the person's data key (associated data `registro/v1|special_vulnerability|codes|ID`).
-- Every person recorded from this version on has a row, an empty list included, so that the
-- row's presence tells nothing; erasure deletes it.
CREATE TABLE special_vulnerability (
    beneficiary_id TEXT PRIMARY KEY NOT NULL REFERENCES beneficiary(id),
    codes BLOB NOT NULL
) WITHOUT ROWID;

-- A registry made before this version may hold special codes in clear: it is marked, and
-- registro refuses to open it until `registro keys seal-special` has sealed them.
INSERT INTO registry_meta (key, value)
SELECT 'special_codes_in_clear', '1'
WHERE EXISTS (SELECT 1 FROM beneficiary_vulnerability WHERE code IN ('disabilita', 'non_autosufficienza',
    'salute_mentale', 'dipendenze', 'detenzione', 'violenza_di_genere', 'protezione_internazionale'));
