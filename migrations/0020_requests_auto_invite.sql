-- Invitations that move on (docs/design.md §3): a head may ask, per request, that when an invitation
-- expires or is declined the next free suggestion is invited for them, never past the places wanted.
ALTER TABLE "requests" ADD COLUMN "auto_invite" boolean DEFAULT false NOT NULL;
