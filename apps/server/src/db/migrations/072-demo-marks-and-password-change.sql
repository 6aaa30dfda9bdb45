-- Demo data is marked, so a server started without --demo refuses it and --demo refuses a database with
-- real users (docs/SECURITY.md). A password a manager set (new user, reset) must be changed at the next
-- sign-in: until then the user's sessions may only change it.
ALTER TABLE users ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0;
