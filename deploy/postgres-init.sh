#!/bin/sh
# Run once by the postgres image on an empty volume (/docker-entrypoint-initdb.d): Quorum's two
# roles and its database, as docs/operations.md ("Database roles") sets them up by hand. The owner
# runs `quorum migrate`; the runtime role is what `quorum serve` connects as and owns nothing.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$QUORUM_OWNER_PASSWORD" -v app_pw="$QUORUM_APP_PASSWORD" <<'SQL'
CREATE ROLE quorum_owner LOGIN PASSWORD :'owner_pw';
CREATE ROLE quorum_app LOGIN PASSWORD :'app_pw';
CREATE DATABASE quorum OWNER quorum_owner;
REVOKE ALL ON DATABASE quorum FROM PUBLIC;
GRANT CONNECT ON DATABASE quorum TO quorum_owner, quorum_app;
\c quorum
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
