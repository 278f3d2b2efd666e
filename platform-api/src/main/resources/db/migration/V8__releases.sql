-- Releases: ordered deployments of several services through the environments after dev, with approvals,
-- sign-offs, release windows and freezes. Runs on H2 (MySQL mode) and on MySQL 8 / MariaDB 10.11.

-- Null: the default, 1 approval for a protected environment and none for the others.
ALTER TABLE environment ADD COLUMN required_approvals INT NULL;

-- Which release a deployment was made for (null: a direct deployment).
ALTER TABLE deployment ADD COLUMN release_id BIGINT NULL;

CREATE TABLE platform_release (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  title         VARCHAR(200)  NOT NULL,
  description   TEXT,
  rollback_plan TEXT,
  author        VARCHAR(64)   NOT NULL,
  created_at    TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at    TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id)
);

CREATE TABLE release_item (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  release_id  BIGINT        NOT NULL,
  seq         INT           NOT NULL,
  app         VARCHAR(63)   NOT NULL,
  -- Branch names in merge order, one per line.
  branches    TEXT          NOT NULL,
  -- The SQL scripts in order, as a JSON array of {name, script}.
  sql_scripts TEXT          NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_release_item_release ON release_item (release_id);

CREATE TABLE release_stage (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  release_id       BIGINT        NOT NULL,
  seq              INT           NOT NULL,
  env              VARCHAR(32)   NOT NULL,
  status           VARCHAR(16)   NOT NULL,
  started_at       TIMESTAMP(3)  NULL,
  finished_at      TIMESTAMP(3)  NULL,
  started_by       VARCHAR(64),
  error            VARCHAR(2048),
  -- JSON: the deployments of the last start [{app, id}], the items it skipped, and per service the heads
  -- ("branch commit" lines) last deployed successfully here and signed off here.
  deployments      TEXT,
  skipped          TEXT,
  deployed_heads   TEXT,
  signed_off_heads TEXT,
  signed_off_by    VARCHAR(64),
  signed_off_at    TIMESTAMP(3)  NULL,
  sign_off_comment VARCHAR(1024),
  emergency        BOOLEAN       NOT NULL DEFAULT FALSE,
  emergency_reason VARCHAR(1024),
  emergency_by     VARCHAR(64),
  PRIMARY KEY (id),
  CONSTRAINT uk_release_stage UNIQUE (release_id, env)
);

CREATE TABLE release_approval (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  release_id  BIGINT        NOT NULL,
  env         VARCHAR(32)   NOT NULL,
  username    VARCHAR(64)   NOT NULL,
  decision    VARCHAR(8)    NOT NULL,
  comment     VARCHAR(1024),
  at          TIMESTAMP(3)  NOT NULL,
  -- Set when a change of the release voided the approval; kept for the record.
  voided_at   TIMESTAMP(3)  NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_release_approval_release ON release_approval (release_id, env);

CREATE TABLE release_window (
  id        BIGINT       NOT NULL AUTO_INCREMENT,
  env       VARCHAR(32)  NOT NULL,
  seq       INT          NOT NULL,
  -- Day names (MONDAY..SUNDAY), comma-separated.
  days      VARCHAR(80)  NOT NULL,
  from_time VARCHAR(5)   NOT NULL,
  to_time   VARCHAR(5)   NOT NULL,
  zone      VARCHAR(64)  NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_release_window_env ON release_window (env);

CREATE TABLE release_freeze (
  id       BIGINT        NOT NULL AUTO_INCREMENT,
  env      VARCHAR(32)   NOT NULL,
  from_at  TIMESTAMP(3)  NOT NULL,
  to_at    TIMESTAMP(3)  NOT NULL,
  reason   VARCHAR(1024) NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_release_freeze_env ON release_freeze (env);
