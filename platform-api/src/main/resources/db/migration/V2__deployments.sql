-- Deployments and their steps; every step is saved as it runs so a restart knows where each one was.
-- Long texts are TEXT: utf8mb4 VARCHARs of that size overflow MySQL's 64 KB row limit.
CREATE TABLE deployment (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  app          VARCHAR(63)   NOT NULL,
  env          VARCHAR(32)   NOT NULL,
  kind         VARCHAR(16)   NOT NULL,
  source_id    BIGINT,
  branches     TEXT          NOT NULL,
  heads        TEXT,
  commit_id    VARCHAR(64),
  build_number INT,
  image        VARCHAR(255),
  status       VARCHAR(16)   NOT NULL,
  step         VARCHAR(16),
  workload_id  VARCHAR(128),
  url          VARCHAR(255),
  error        TEXT,
  requested_by VARCHAR(64),
  created_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  started_at   TIMESTAMP(3)  NULL,
  finished_at  TIMESTAMP(3)  NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_deployment_app_env ON deployment (app, env, id);
CREATE INDEX ix_deployment_status ON deployment (status);

CREATE TABLE deployment_step (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  deployment_id BIGINT        NOT NULL,
  seq           INT           NOT NULL,
  name          VARCHAR(16)   NOT NULL,
  status        VARCHAR(16)   NOT NULL,
  started_at    TIMESTAMP(3)  NULL,
  finished_at   TIMESTAMP(3)  NULL,
  message       VARCHAR(2000),
  PRIMARY KEY (id),
  CONSTRAINT uk_deployment_step UNIQUE (deployment_id, seq)
);
