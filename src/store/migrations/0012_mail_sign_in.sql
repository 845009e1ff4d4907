-- Version 12: how a mail account signs in. Outlook.com and Microsoft 365 no
-- longer take a password over IMAP, so an account may sign in through its
-- provider's page (OAuth 2.0) instead. Nothing secret is kept here: the
-- refresh token (and a Google desktop client's secret) live in the system's
-- keychain, beside where a password account keeps its password.
--
-- `sign_in`: 'password' (every account before this version) or 'oauth'.
-- For 'oauth': the provider, the client id the user registered with it, and
-- for a 'custom' provider its two addresses and the scope it grants IMAP with.
ALTER TABLE mail_accounts ADD COLUMN sign_in TEXT NOT NULL DEFAULT 'password' CHECK (sign_in IN ('password', 'oauth'));
ALTER TABLE mail_accounts ADD COLUMN oauth_provider TEXT CHECK (oauth_provider IN ('google', 'microsoft', 'custom'));
ALTER TABLE mail_accounts ADD COLUMN oauth_client_id TEXT;
ALTER TABLE mail_accounts ADD COLUMN oauth_authorize_url TEXT;
ALTER TABLE mail_accounts ADD COLUMN oauth_token_url TEXT;
ALTER TABLE mail_accounts ADD COLUMN oauth_scope TEXT;
