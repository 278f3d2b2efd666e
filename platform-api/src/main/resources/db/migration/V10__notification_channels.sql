-- Notification channels (chat robots and e-mail) and the record of every delivery to them.
-- Runs on H2 (MySQL mode) and on MySQL 8 / MariaDB 10.11: keep to their common SQL.
CREATE TABLE notification_channel (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  name         VARCHAR(64)   NOT NULL,
  channel_type VARCHAR(16)   NOT NULL,
  -- Sealed by SecretCipher: a robot's URL carries its access token.
  url_text     TEXT,
  secret_text  TEXT,
  -- Comma-separated lists.
  recipients   TEXT,
  envs         VARCHAR(1024) NOT NULL,
  events       VARCHAR(512)  NOT NULL,
  updated_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uk_notification_channel_name UNIQUE (name)
);

CREATE TABLE notification_delivery (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  channel    VARCHAR(64)   NOT NULL,
  event      VARCHAR(32)   NOT NULL,
  release_id BIGINT        NOT NULL,
  env        VARCHAR(32),
  at         TIMESTAMP(3)  NOT NULL,
  outcome    VARCHAR(8)    NOT NULL,
  attempts   INT           NOT NULL,
  answer     VARCHAR(512),
  error      VARCHAR(1024),
  PRIMARY KEY (id)
);
CREATE INDEX ix_notification_delivery_channel ON notification_delivery (channel, id);
