-- Function mode: the request (function, network) and what the function returned
ALTER TABLE "jobs" ADD COLUMN "function" JSONB;
ALTER TABLE "jobs" ADD COLUMN "network" JSONB;
ALTER TABLE "jobs" ADD COLUMN "function_result" JSONB;
