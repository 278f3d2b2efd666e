-- Runs on H2 (MySQL mode) and on MySQL 8 / MariaDB 10.11: keep to their common SQL.
CREATE TABLE environment (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  name         VARCHAR(32)  NOT NULL,
  sort_order   INT          NOT NULL,
  domain       VARCHAR(253) NOT NULL,
  is_protected BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uk_environment_name UNIQUE (name)
);

INSERT INTO environment (name, sort_order, domain, is_protected) VALUES ('dev', 1, 'localhost', FALSE);
INSERT INTO environment (name, sort_order, domain, is_protected) VALUES ('test', 2, 'localhost', FALSE);
INSERT INTO environment (name, sort_order, domain, is_protected) VALUES ('pre', 3, 'localhost', FALSE);
INSERT INTO environment (name, sort_order, domain, is_protected) VALUES ('prod', 4, 'localhost', TRUE);

CREATE TABLE application (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  name          VARCHAR(63)   NOT NULL,
  repo_url      VARCHAR(1024) NOT NULL,
  build_command VARCHAR(1024) NOT NULL,
  artifact      VARCHAR(512),
  port          INT           NOT NULL,
  health_path   VARCHAR(255)  NOT NULL,
  jvm_options   VARCHAR(1024),
  created_at    TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at    TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uk_application_name UNIQUE (name)
);
