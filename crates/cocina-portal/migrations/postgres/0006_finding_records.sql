-- How many of the delivery's findings a published one stands for: a count
-- of findings about people stands for that many (its breakdown by kitchen
-- for none), any other finding for itself. Summed, the portal's counts of
-- errors and warnings are those of the agency's own report. Findings
-- stored before count one each until their delivery is loaded again.
ALTER TABLE findings ADD COLUMN records BIGINT NOT NULL DEFAULT 1 CHECK (records >= 0);
