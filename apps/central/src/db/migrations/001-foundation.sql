-- Head office: the branches it knows and every record each one shipped from its outbox.

CREATE TABLE branches (
  id text PRIMARY KEY,
  name text NOT NULL,
  region text NOT NULL,
  -- sha256 of the branch's token, set at enrolment; the token itself is never stored here.
  token_hash text UNIQUE,
  -- sha256 of the one-time enrolment code, cleared when it is used.
  enrolment_code_hash text,
  enrolment_expires_at bigint,
  enrolled_at bigint,
  created_at bigint NOT NULL,
  -- Head office's clock at the last batch, and what that batch said.
  last_heard_at bigint,
  stored_through bigint NOT NULL DEFAULT 0,
  branch_now bigint,
  waiting_at_branch bigint NOT NULL DEFAULT 0,
  -- The branch's clock up to which head office holds all its events (advanced by a batch that emptied the outbox).
  complete_until bigint
);
CREATE INDEX branches_region ON branches (region);

-- One row per outbox record, exactly once: a resent batch hits the primary key and changes nothing.
-- Past one machine this table is partitioned by branch (docs/ARCHITECTURE.md, "Head office").
CREATE TABLE branch_events (
  branch_id text NOT NULL REFERENCES branches (id),
  seq bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('event', 'config')),
  at bigint NOT NULL,
  body jsonb NOT NULL,
  received_at bigint NOT NULL,
  PRIMARY KEY (branch_id, seq)
);
