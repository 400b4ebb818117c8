-- Judging (expected output, comparison, test cases and their results), binary-safe
-- inputs, and webhooks (callback URL and delivery state, and a per-key signing secret).
ALTER TABLE "jobs" ADD COLUMN "encoding" TEXT NOT NULL DEFAULT 'utf8';
ALTER TABLE "jobs" ADD COLUMN "expected_output" TEXT;
ALTER TABLE "jobs" ADD COLUMN "comparison" JSONB;
ALTER TABLE "jobs" ADD COLUMN "tests" JSONB;
ALTER TABLE "jobs" ADD COLUMN "test_results" JSONB;
ALTER TABLE "jobs" ADD COLUMN "summary" JSONB;
ALTER TABLE "jobs" ADD COLUMN "callback_url" TEXT;
ALTER TABLE "jobs" ADD COLUMN "callback" JSONB;
ALTER TABLE "api_keys" ADD COLUMN "webhook_secret" TEXT;
