-- Issue 13: who may do what. A role in a workspace is granted to a user, a group or an API token; global admins
-- come from the server's configuration (or an admin token), not from this table.
create table workspace_grant (
    workspace_id bigint      not null references workspace (id),
    grantee_kind text        not null check (grantee_kind in ('USER', 'GROUP', 'TOKEN')),
    grantee      text        not null,
    role         text        not null check (role in ('READER', 'WRITER', 'OWNER')),
    granted_by   text        not null,
    grant_time   timestamptz not null,
    primary key (workspace_id, grantee_kind, grantee)
);
-- Every request resolves its caller's roles by grantee (the user, each of its groups, or its token).
create index workspace_grant_grantee on workspace_grant (grantee_kind, grantee);

-- API tokens for machines and CI. The bearer value is mlm_<id>_<secret>: the id selects the row, the secret is kept
-- only as SHA-256 over salt and secret (it is 256 random bits, so a slow password hash would add nothing).
create table api_token (
    id          text        primary key check (id ~ '^[0-9a-f]{16}$'),
    name        text        not null,
    salt        bytea       not null,
    secret_hash bytea       not null,
    admin       boolean     not null default false,
    created_by  text        not null,
    create_time timestamptz not null,
    expire_time timestamptz,
    revoke_time timestamptz,
    revoked_by  text
);
-- Non-admins list the tokens they created.
create index api_token_created_by on api_token (created_by, id);
