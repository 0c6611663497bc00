-- Registro schema, migration 005: accounts of the registry server.
-- Who may log in, how, and the sessions and API tokens that follow a login. Secrets are never
-- stored as given: passwords as Argon2id strings, tokens and recovery codes as BLAKE2b digests,
-- TOTP secrets sealed under a key derived from the root key.

-- One row per operator who has a password.
CREATE TABLE account (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES operator(id),
    -- libsodium's crypto_pwhash_str output: algorithm, parameters, salt and hash.
    password_hash TEXT NOT NULL,
    -- 1 for a one-time password set by an admin: it must be changed at the next login.
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    -- Failed logins in a row, and until when the account refuses logins after too many.
    failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until TEXT,
    -- The TOTP secret sealed with XChaCha20-Poly1305; confirmed once a code proved it enrolled.
    totp_secret BLOB,
    totp_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (totp_confirmed IN (0, 1)),
    -- The last TOTP time step accepted: a code of that step or an earlier one is refused.
    totp_last_step INTEGER,
    updated_at TEXT NOT NULL
);

-- Recovery codes of a TOTP enrolment, each usable once.
CREATE TABLE recovery_code (
    user_id TEXT NOT NULL REFERENCES operator(id),
    code_digest BLOB NOT NULL,
    used_at TEXT,
    PRIMARY KEY (user_id, code_digest)
) WITHOUT ROWID;

-- Login sessions: the cookie's token is kept only as its digest.
CREATE TABLE login_session (
    token_digest BLOB PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES operator(id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX login_session_user ON login_session(user_id);

-- API tokens for scripts, shown once at creation, kept only as their digest.
CREATE TABLE api_token (
    id TEXT PRIMARY KEY NOT NULL,
    token_digest BLOB NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES operator(id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE INDEX api_token_user ON api_token(user_id);
