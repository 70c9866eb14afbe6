ALTER TABLE "attachments" ALTER COLUMN "uploaded_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "uploaded_by_customer_id" uuid;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_one_uploader" CHECK (("attachments"."uploaded_by" is null) <> ("attachments"."uploaded_by_customer_id" is null));--> statement-breakpoint
-- carry-over: portal photos
-- PORTAL-1: photos a customer added through the portal were filed under the ticket's creator (the
-- table needed a member of staff). The portal's own rows say which ones they are and whose.
UPDATE "attachments" SET "uploaded_by" = NULL, "uploaded_by_customer_id" = pf."customer_id"
FROM "portal_files" pf WHERE pf."attachment_id" = "attachments"."id";--> statement-breakpoint
-- carry-over: survey answered
-- SAT-3: an invitation with a response is answered, at the response's time.
UPDATE "survey_invitations" SET "answered_at" = r."responded_at"
FROM "survey_responses" r WHERE r."invitation_id" = "survey_invitations"."id" AND "survey_invitations"."answered_at" IS NULL;
