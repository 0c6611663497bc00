-- Registro schema, migration 006: record keys for perturbed reports.
-- Record keys of the cell key method (Docs/REPORTS.md): each person's random number in
-- 0 ..< 2^32, not personal data and not derived from any. A report adds up the keys of the
-- distinct people behind a figure (modulo 2^32) into the figure's cell key, which picks the
-- figure's perturbation, so that the same people always give the same figure. Made with the
-- person and kept through erasure, like the statistical facts of their deliveries.
ALTER TABLE beneficiary ADD COLUMN record_key INTEGER NOT NULL DEFAULT 0
    CHECK (record_key BETWEEN 0 AND 4294967295);

-- People recorded before this migration get one now, from SQLite's own random numbers.
UPDATE beneficiary SET record_key = random() & 4294967295;
