-- GitLab: connected instances, the projects services were imported from, auto-redeploy per environment.
-- Runs on H2 (MySQL mode) and on MySQL 8 / MariaDB 10.11: keep to their common SQL.
CREATE TABLE gitlab_connection (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  name         VARCHAR(63)   NOT NULL,
  base_url     VARCHAR(1024) NOT NULL,
  -- The access token, sealed by the platform's SecretCipher (v1:base64); never returned by the API.
  token_sealed VARCHAR(2048) NOT NULL,
  username     VARCHAR(255),
  created_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uk_gitlab_connection_name UNIQUE (name)
);

-- Links a service to its GitLab project: its presence makes the GitLab provider serve the service.
CREATE TABLE gitlab_project (
  id                  BIGINT        NOT NULL AUTO_INCREMENT,
  app                 VARCHAR(63)   NOT NULL,
  connection_id       BIGINT        NOT NULL,
  project_id          BIGINT        NOT NULL,
  path_with_namespace VARCHAR(1024) NOT NULL,
  default_branch      VARCHAR(255),
  -- The push webhook's secret token, sealed like the access token.
  hook_secret_sealed  VARCHAR(2048) NOT NULL,
  hook_id             BIGINT,
  created_at          TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uk_gitlab_project_app UNIQUE (app),
  CONSTRAINT fk_gitlab_project_connection FOREIGN KEY (connection_id) REFERENCES gitlab_connection (id)
);

CREATE INDEX ix_gitlab_project_project ON gitlab_project (connection_id, project_id);

-- Whether a push to a deployed branch redeploys it; no row means the default (on in dev, off elsewhere).
CREATE TABLE auto_redeploy (
  id      BIGINT      NOT NULL AUTO_INCREMENT,
  app     VARCHAR(63) NOT NULL,
  env     VARCHAR(32) NOT NULL,
  enabled BOOLEAN     NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_auto_redeploy_app_env UNIQUE (app, env)
);
