-- A counter's rating screen (issue #19): a device paired with kind 'rating' is bound to one counter, whose just
-- ended visits are the only ones it may rate. Set once at pairing; a screen moved to another counter is paired again.
CREATE TABLE rating_screens (
  device_id TEXT PRIMARY KEY REFERENCES devices(id),
  counter_id TEXT NOT NULL
);
