-- Configuration bundles from head office (docs/ARCHITECTURE.md, "Configuration from the centre"): the bundle
-- this branch runs (its content, to tell local changes from it), a bundle held back as a conflict with local
-- changes, and the outcome of the last bundle tried, which every sync reports to head office.
CREATE TABLE central_bundle (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  running_version INTEGER,
  running_hash TEXT,
  running_content TEXT,
  applied_at INTEGER,
  held_bundle TEXT,
  last_outcome TEXT
);
INSERT INTO central_bundle (id) VALUES (1);
