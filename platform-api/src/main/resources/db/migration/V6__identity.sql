-- Identity: people, their roles on services, their access tokens, and the audit trail.
-- Runs on H2 (MySQL mode) and on MySQL 8 / MariaDB 10.11: keep to their common SQL.
CREATE TABLE platform_user (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  username        VARCHAR(64)   NOT NULL,
  display_name    VARCHAR(128)  NOT NULL,
  email           VARCHAR(254),
  -- Spring Security's delegating format ({bcrypt}...); null for people who sign in through LDAP or OIDC.
  password_hash   VARCHAR(255),
  source          VARCHAR(8)    NOT NULL,
  -- The OIDC subject (issuer + sub) or the LDAP DN the user was last seen as.
  external_id     VARCHAR(512),
  is_admin        BOOLEAN       NOT NULL DEFAULT FALSE,
  enabled         BOOLEAN       NOT NULL DEFAULT TRUE,
  created_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  last_sign_in_at TIMESTAMP(3)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_platform_user_username UNIQUE (username)
);

CREATE TABLE app_member (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  app        VARCHAR(63)  NOT NULL,
  username   VARCHAR(64)  NOT NULL,
  role       VARCHAR(16)  NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uk_app_member UNIQUE (app, username)
);
CREATE INDEX ix_app_member_username ON app_member (username);

CREATE TABLE api_token (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  username     VARCHAR(64)  NOT NULL,
  name         VARCHAR(100) NOT NULL,
  -- SHA-256 of the token (hex): the token itself is shown once and never stored.
  token_hash   CHAR(64)     NOT NULL,
  created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  expires_at   TIMESTAMP(3) NULL,
  last_used_at TIMESTAMP(3) NULL,
  revoked_at   TIMESTAMP(3) NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_api_token_hash UNIQUE (token_hash)
);
CREATE INDEX ix_api_token_username ON api_token (username);

-- Append-only: the platform inserts rows and never updates or deletes them.
CREATE TABLE audit_event (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  at             TIMESTAMP(3)  NOT NULL,
  actor          VARCHAR(64)   NOT NULL,
  action         VARCHAR(64)   NOT NULL,
  target         VARCHAR(512)  NOT NULL,
  app            VARCHAR(63),
  env            VARCHAR(32),
  outcome        VARCHAR(8)    NOT NULL,
  status         INT           NOT NULL,
  detail         VARCHAR(1024),
  remote_address VARCHAR(64),
  PRIMARY KEY (id)
);
CREATE INDEX ix_audit_event_at ON audit_event (at);
CREATE INDEX ix_audit_event_actor ON audit_event (actor, at);
CREATE INDEX ix_audit_event_app ON audit_event (app, at);
