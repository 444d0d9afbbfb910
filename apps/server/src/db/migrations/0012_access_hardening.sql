CREATE TABLE "login_throttles" (
	"email_hash" text PRIMARY KEY NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "write_areas" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "login_throttles_updated_idx" ON "login_throttles" USING btree ("updated_at");--> statement-breakpoint
-- hand-written:
-- Issue 11 #14. Tokens made before scopes existed keep reading but may change nothing (write_areas defaults to
-- empty); their owners make a new token with the areas it needs. No token lives longer than a year from now.
UPDATE api_tokens SET expires_at = LEAST(COALESCE(expires_at, now() + interval '365 days'), now() + interval '365 days')
  WHERE revoked_at IS NULL;
--> statement-breakpoint
-- A deactivated account's tokens and sessions are revoked, not merely refused while it stays inactive: reactivating
-- it must not bring them back. The service revokes them itself (and counts them for the audit entry); this trigger
-- makes any other path that deactivates a user (SQL by hand, a future provisioning job) do the same.
UPDATE api_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE NOT active);
--> statement-breakpoint
UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE NOT active);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION users_deactivated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE api_tokens SET revoked_at = now() WHERE user_id = NEW.id AND revoked_at IS NULL;
  UPDATE sessions SET revoked_at = now() WHERE user_id = NEW.id AND revoked_at IS NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_deactivated AFTER UPDATE OF active ON users FOR EACH ROW
  WHEN (OLD.active AND NOT NEW.active) EXECUTE FUNCTION users_deactivated();
