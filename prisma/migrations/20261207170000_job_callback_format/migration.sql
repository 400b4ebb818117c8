-- Judge0-compatible submissions get Judge0's callback (a PUT of its 8 default fields); null keeps runq's webhook.
ALTER TABLE "jobs" ADD COLUMN "callback_format" TEXT;
