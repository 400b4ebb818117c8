-- Function mode: the request (function, network) and what the function returned.
-- json rather than jsonb where users' objects are kept: jsonb would reorder their keys.
ALTER TABLE "jobs" ADD COLUMN "function" JSON;
ALTER TABLE "jobs" ADD COLUMN "network" JSONB;
ALTER TABLE "jobs" ADD COLUMN "function_result" JSON;
