-- Version 3: the promises that lapsed within a window, across all clients, in one read.
CREATE INDEX moments_lapses ON moments (at) WHERE kind = 'lapse';
