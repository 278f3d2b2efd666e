-- SQL scripts of releases, run at most once per service and environment: one row per attempt.
-- Runs on H2 (MySQL mode) and on MySQL 8 / MariaDB 10.11: keep to their common SQL.
CREATE TABLE sql_ledger (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  app         VARCHAR(63)   NOT NULL,
  name        VARCHAR(255)  NOT NULL,
  env         VARCHAR(32)   NOT NULL,
  -- SHA-256 (hex) of the script's text, line endings as \n and trailing whitespace trimmed.
  checksum    CHAR(64)      NOT NULL,
  -- RUNNING while it runs, then RAN or FAILED.
  outcome     VARCHAR(8)    NOT NULL,
  -- 1 while RUNNING and once RAN, NULL once FAILED: the unique key below lets only one attempt per
  -- (app, name, env) run or have run, so two runs at once cannot both run a script (NULLs never clash).
  claimed     SMALLINT      NULL,
  ran_at      TIMESTAMP(3)  NOT NULL,
  ran_by      VARCHAR(64)   NOT NULL,
  release_id  BIGINT        NULL,
  -- Which statement failed and the database's message, secrets masked.
  error       VARCHAR(2048) NULL,
  duration_ms BIGINT        NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_sql_ledger_claimed UNIQUE (app, name, env, claimed)
);
CREATE INDEX ix_sql_ledger_app ON sql_ledger (app, name);
