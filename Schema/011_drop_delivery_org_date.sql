-- Registro schema, migration 011: no index of deliveries by organisation and date.
-- `delivery_org_date (org_id, date)` served only reports narrowed to a few organisations and
-- a short period, which without it read every delivery (at 1,000,000 deliveries: one
-- organisation's month 0.15 s with it, 0.4 s without; whole-registry reports unchanged). It
-- cost every write: an import's dates land at random places in it (about 1.5 s of the 9 s
-- import of 1,100,000 rows with one new person in 2), and the planner preferred it to the
-- person's own deliveries for an organisation's deliveries to one person in date order, read
-- at every case read that shows only the reader's own deliveries (a search of all the
-- organisation's deliveries: 130–190 ms at 1,000,000, against under 1 ms).
DROP INDEX IF EXISTS delivery_org_date;
