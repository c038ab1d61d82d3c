-- An account whose password an admin set (a reset, or the first admin of a new site) must choose
-- its own at the next sign-in: until then only the password change, /me and sign-out answer.
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));

-- The audit-log viewer pages newest first by (created_at, id), filtered by person or action:
-- each filter reads only the rows it shows.
CREATE INDEX audit_log_by_time ON audit_log (site_id, created_at, id);
CREATE INDEX audit_log_by_action_time ON audit_log (site_id, action, created_at, id);
CREATE INDEX audit_log_by_account_time ON audit_log (account_id, created_at, id);
