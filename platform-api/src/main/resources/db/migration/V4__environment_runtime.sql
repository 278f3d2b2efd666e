-- Each environment may run on a runtime of its own (a Docker engine URL, or "process"; NULL: the
-- platform's default) with default limits for its containers.
ALTER TABLE environment ADD COLUMN runtime VARCHAR(255) NULL;
ALTER TABLE environment ADD COLUMN memory_limit_mb INT NULL;
ALTER TABLE environment ADD COLUMN cpu_limit DOUBLE NULL;
