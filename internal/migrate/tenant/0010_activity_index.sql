-- The retention purge walks each inbox by last activity (updated_at, which
-- every change stamps) and id, one batch after the other from where the
-- previous one ended: each row is read once per run, however many of the
-- old ones it keeps (a working stage) or skips (locked by a writer).
CREATE INDEX applications_activity ON applications (updated_at, id);
CREATE INDEX project_inquiries_activity ON project_inquiries (updated_at, id);
