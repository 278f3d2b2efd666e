-- Middleware bindings of an environment (app = '') and a service's overrides in it (app = its name).
-- Secret values are stored encrypted (AES-GCM, see SecretCipher).
CREATE TABLE binding (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  env         VARCHAR(32)  NOT NULL,
  app         VARCHAR(63)  NOT NULL,
  binding_key VARCHAR(128) NOT NULL,
  value_text  TEXT         NOT NULL,
  secret      BOOLEAN      NOT NULL DEFAULT FALSE,
  updated_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uk_binding UNIQUE (env, app, binding_key)
);
