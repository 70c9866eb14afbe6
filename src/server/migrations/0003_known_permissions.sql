CREATE TABLE "known_permissions" (
	"code" text PRIMARY KEY NOT NULL,
	"introduced_at" timestamp with time zone DEFAULT now() NOT NULL
);
