-- Registro schema, migration 010: each person's wrapped data key in one b-tree, not two.
-- `beneficiary_key` was a rowid table with a unique index on `beneficiary_id`: every new
-- person cost an insert into each, and every read of a key a search of the index, then of the
-- table. As a `WITHOUT ROWID` table keyed by `beneficiary_id` it is one b-tree holding the
-- rows in id order (about 90 bytes each). Same columns, same constraints; erasure still
-- deletes the row (`secure_delete` overwrites it), key rotation still rewraps every row.
CREATE TABLE beneficiary_key_by_id (
    beneficiary_id TEXT PRIMARY KEY NOT NULL REFERENCES beneficiary(id),
    kek_generation INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO beneficiary_key_by_id (beneficiary_id, kek_generation, wrapped_key)
    SELECT beneficiary_id, kek_generation, wrapped_key FROM beneficiary_key;
DROP TABLE beneficiary_key;
ALTER TABLE beneficiary_key_by_id RENAME TO beneficiary_key;
