-- Registro schema, migration 001: the core registry.
-- Applied in file-name order at open; once shipped, a migration file never changes: later
-- changes go into new files. Personal fields are BLOBs sealed with XChaCha20-Poly1305 (see
-- Docs/PRIVACY.md); every other column is clear, coarse, statistical or administrative.

-- Registry-wide values: format version, key check value, key-encryption key generation,
-- digest of the reference data last loaded.
CREATE TABLE registry_meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- Reference codes. Built-in rows come from Schema/codes/*.csv; `local` marks codes a registry
-- added itself.
CREATE TABLE service_code (
    code TEXT PRIMARY KEY NOT NULL,
    label_it TEXT NOT NULL,
    label_en TEXT NOT NULL,
    macro_area TEXT NOT NULL,
    area_utenza INTEGER NOT NULL CHECK (area_utenza BETWEEN 1 AND 3),
    axis TEXT NOT NULL,
    local INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1))
);

CREATE TABLE vulnerability_code (
    code TEXT PRIMARY KEY NOT NULL,
    label_it TEXT NOT NULL,
    label_en TEXT NOT NULL,
    local INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1))
);

CREATE TABLE channel_code (
    code TEXT PRIMARY KEY NOT NULL,
    label_it TEXT NOT NULL,
    label_en TEXT NOT NULL,
    local INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1))
);

CREATE TABLE outcome_code (
    code TEXT PRIMARY KEY NOT NULL,
    label_it TEXT NOT NULL,
    label_en TEXT NOT NULL,
    local INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1))
);

CREATE TABLE purpose_code (
    code TEXT PRIMARY KEY NOT NULL,
    label_it TEXT NOT NULL,
    label_en TEXT NOT NULL,
    local INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1))
);

-- Networks of organisations (e.g. a territorial partnership).
CREATE TABLE network (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Organisations: ETS, public bodies, companies.
CREATE TABLE organisation (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('ets', 'public', 'company')),
    cf TEXT UNIQUE,
    runts_section TEXT CHECK (runts_section IN ('odv', 'aps', 'ente_filantropico',
        'impresa_sociale', 'rete_associativa', 'mutuo_soccorso', 'altro_ets')),
    territory TEXT,
    created_at TEXT NOT NULL,
    CHECK (runts_section IS NULL OR kind = 'ets')
);

-- The axes an organisation works on (housing, lavoro, poverta_educativa, ...).
CREATE TABLE organisation_axis (
    org_id TEXT NOT NULL REFERENCES organisation(id),
    axis TEXT NOT NULL,
    PRIMARY KEY (org_id, axis)
) WITHOUT ROWID;

CREATE TABLE network_member (
    network_id TEXT NOT NULL REFERENCES network(id),
    org_id TEXT NOT NULL REFERENCES organisation(id),
    PRIMARY KEY (network_id, org_id)
) WITHOUT ROWID;

CREATE INDEX network_member_org ON network_member(org_id);

-- Operators: the people who use the registry, each in one organisation.
CREATE TABLE operator (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisation(id),
    role TEXT NOT NULL CHECK (role IN ('social_worker', 'coordinator', 'privacy_officer', 'admin')),
    created_at TEXT NOT NULL
);

-- Beneficiaries: a random pseudonymous id, the owner organisation (the data controller of the
-- record), coarse statistical fields in clear, personal fields sealed under the person's data key.
CREATE TABLE beneficiary (
    id TEXT PRIMARY KEY NOT NULL,
    owner_org TEXT NOT NULL REFERENCES organisation(id),
    created_by TEXT NOT NULL REFERENCES operator(id),
    created_at TEXT NOT NULL,
    ref TEXT,
    cf_index BLOB UNIQUE,
    -- Written as comparisons, not `IN (…)`: SQLite checks an `IN` list of three or more
    -- constants through a temporary b-tree built on every insert, a cost an import pays per person.
    sex TEXT NOT NULL CHECK (sex = 'F' OR sex = 'M' OR sex = 'X'),
    birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100),
    citizenship TEXT CHECK (citizenship = 'IT' OR citizenship = 'EU' OR citizenship = 'EXTRA_EU'),
    comune TEXT,
    given_name BLOB,
    family_name BLOB,
    codice_fiscale BLOB,
    birth_date BLOB,
    phone BLOB,
    email BLOB,
    address BLOB,
    notes BLOB,
    sensitive BLOB,
    UNIQUE (owner_org, ref)
);

-- Each beneficiary's data key, wrapped by the key-encryption key of `kek_generation`.
CREATE TABLE beneficiary_key (
    beneficiary_id TEXT PRIMARY KEY NOT NULL REFERENCES beneficiary(id),
    kek_generation INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL
);

-- Vulnerabilities observed by each organisation (the `needs` category of the case file).
CREATE TABLE beneficiary_vulnerability (
    beneficiary_id TEXT NOT NULL REFERENCES beneficiary(id),
    org_id TEXT NOT NULL REFERENCES organisation(id),
    code TEXT NOT NULL REFERENCES vulnerability_code(code),
    PRIMARY KEY (beneficiary_id, org_id, code)
) WITHOUT ROWID;

-- One row per spreadsheet import: who, when, how many rows, the file's BLAKE2b digest.
CREATE TABLE import_batch (
    id INTEGER PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisation(id),
    imported_by TEXT NOT NULL REFERENCES operator(id),
    imported_at TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    people_created INTEGER NOT NULL,
    file_digest TEXT NOT NULL
);

-- Service deliveries (prestazioni).
CREATE TABLE delivery (
    id INTEGER PRIMARY KEY,
    beneficiary_id TEXT NOT NULL REFERENCES beneficiary(id),
    org_id TEXT NOT NULL REFERENCES organisation(id),
    recorded_by TEXT NOT NULL REFERENCES operator(id),
    recorded_at TEXT NOT NULL,
    date TEXT NOT NULL,
    service_code TEXT NOT NULL REFERENCES service_code(code),
    hours REAL CHECK (hours >= 0),
    channel TEXT REFERENCES channel_code(code),
    outcome TEXT REFERENCES outcome_code(code),
    impact INTEGER CHECK (impact BETWEEN 1 AND 10),
    project TEXT,
    notes BLOB,
    import_id INTEGER REFERENCES import_batch(id)
);

CREATE INDEX delivery_beneficiary ON delivery(beneficiary_id);
CREATE INDEX delivery_org_date ON delivery(org_id, date);
