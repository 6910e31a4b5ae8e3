-- Pylon organizations this service has seen. The row also serves as the lock that serialises
-- token issuing and linking for one organization, across every replica.
create table organization (
    id           uuid primary key,
    name         text        not null,
    first_seen_at timestamptz not null,
    updated_at   timestamptz not null
);

-- Configuration tokens. Only a SHA-256 hash of the token is stored; the token itself is shown once.
create table configuration_token (
    id                   uuid primary key,
    organization_id      uuid        not null references organization (id),
    token_hash           bytea       not null,
    created_at           timestamptz not null,
    created_by           text        not null,
    expires_at           timestamptz not null,
    revoked_at           timestamptz,
    redeemed_at          timestamptz,
    redeemed_for_cloud_id text
);

create index configuration_token_by_hash on configuration_token (organization_id, token_hash);

-- At most one token per organization that is neither revoked nor redeemed.
create unique index configuration_token_one_open_per_organization
    on configuration_token (organization_id)
    where revoked_at is null and redeemed_at is null;

-- Links between a Jira site and a Pylon organization. A cleared link keeps its row, marked with
-- disconnected_at, so the history stays.
create table jira_connection (
    id                     uuid primary key,
    organization_id        uuid        not null references organization (id),
    cloud_id               text        not null,
    installation_id        text        not null,
    api_base_url           text        not null,
    site_url               text,
    site_name              text,
    configuration_token_id uuid        not null references configuration_token (id),
    connected_at           timestamptz not null,
    connected_by           text        not null,
    disconnected_at        timestamptz,
    disconnected_by        text,
    disconnect_reason      text
);

create unique index jira_connection_one_live_per_organization
    on jira_connection (organization_id) where disconnected_at is null;
create unique index jira_connection_one_live_per_site
    on jira_connection (cloud_id) where disconnected_at is null;
create index jira_connection_history on jira_connection (organization_id, connected_at desc);

-- Failed configuration token guesses, counted per scope ("organization:<id>", "site:<cloudId>")
-- over a sliding window. Kept in the database so that every replica counts the same attempts.
create table failed_token_guess (
    id        bigserial primary key,
    scope     text        not null,
    failed_at timestamptz not null
);

create index failed_token_guess_by_scope on failed_token_guess (scope, failed_at);

-- Who changed what. organization_id is null for site events that happened before any link.
create table audit_entry (
    id              bigserial primary key,
    organization_id uuid,
    cloud_id        text,
    occurred_at     timestamptz not null,
    actor_type      text        not null,
    actor_id        text,
    action          text        not null,
    details         jsonb       not null default '{}'::jsonb
);

create index audit_entry_by_organization on audit_entry (organization_id, id desc);
