-- Judge0-compatible submissions get the callback Judge0 sends (a PUT of its 8 default fields).
-- Null keeps the runq webhook.
ALTER TABLE "jobs" ADD COLUMN "callback_format" TEXT;
