-- The image a service's builds run in on a Docker runtime (NULL: the platform's default build image).
ALTER TABLE application ADD COLUMN build_image VARCHAR(255) NULL;
