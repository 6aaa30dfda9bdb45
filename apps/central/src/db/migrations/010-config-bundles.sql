-- Configuration bundles (docs/ARCHITECTURE.md, "Configuration from the centre"): published once, never changed.
CREATE TABLE config_bundles (
  version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- sha256 of the content's canonical JSON (keys sorted), which the branch checks before using it.
  hash text NOT NULL,
  content jsonb NOT NULL,
  note text NOT NULL DEFAULT '',
  created_at bigint NOT NULL
);

CREATE FUNCTION config_bundles_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'configuration bundles are immutable: publish a new version instead';
END
$$;
CREATE TRIGGER config_bundles_immutable BEFORE UPDATE OR DELETE ON config_bundles
  FOR EACH ROW EXECUTE FUNCTION config_bundles_immutable();

-- The version each branch should run: one row per branch, so the latest assignment wins.
CREATE TABLE bundle_assignments (
  branch_id text PRIMARY KEY REFERENCES branches (id),
  version bigint NOT NULL REFERENCES config_bundles (version),
  -- Apply even over the branch's local changes (a conflict head office resolves in its favour).
  force boolean NOT NULL DEFAULT false,
  assigned_at bigint NOT NULL
);
CREATE INDEX bundle_assignments_version ON bundle_assignments (version);

-- What each branch last said at a sync: what it runs, its local changes, its last try. State, not messages.
CREATE TABLE bundle_reports (
  branch_id text PRIMARY KEY REFERENCES branches (id),
  running_version bigint,
  running_hash text,
  drift jsonb NOT NULL DEFAULT '[]',
  -- The branch's last outcome: {version, hash, outcome, reason, at}, or null.
  last_outcome jsonb,
  reported_at bigint NOT NULL
);
