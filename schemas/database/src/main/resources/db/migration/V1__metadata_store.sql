-- The metadata store. Every row but types belongs to exactly one workspace.
-- Ids are server-assigned bigints; lists page by id (keyset), so every filter index ends in id.
-- Ids come from sequences that hand out blocks of 50 so that Hibernate can batch inserts.

create sequence workspace_seq increment by 50;
create sequence metadata_type_seq increment by 50;
create sequence artifact_seq increment by 50;
create sequence execution_seq increment by 50;
create sequence context_seq increment by 50;
create sequence event_seq increment by 50;

create table workspace (
    id          bigint primary key default nextval('workspace_seq'),
    name        text        not null,
    description text        not null default '',
    labels      jsonb       not null default '{}'::jsonb,
    create_time timestamptz not null,
    update_time timestamptz not null,
    constraint workspace_name_unique unique (name)
);

-- Types are shared by all workspaces: the built-in Kubeflow types and custom ones registered by users.
create table metadata_type (
    id                bigint primary key default nextval('metadata_type_seq'),
    kind              text        not null check (kind in ('ARTIFACT', 'EXECUTION', 'CONTEXT')),
    name              text        not null,
    version           integer     not null,
    description       text        not null default '',
    properties_schema jsonb       not null,
    builtin           boolean     not null default false,
    create_time       timestamptz not null,
    update_time       timestamptz not null,
    constraint metadata_type_kind_name_unique unique (kind, name)
);

-- Every schema a type has had, so that old revisions stay explainable.
create table metadata_type_revision (
    type_id           bigint      not null references metadata_type (id),
    version           integer     not null,
    properties_schema jsonb       not null,
    create_time       timestamptz not null,
    primary key (type_id, version)
);

create table artifact (
    id           bigint primary key default nextval('artifact_seq'),
    workspace_id bigint      not null references workspace (id),
    type_id      bigint      not null references metadata_type (id),
    external_id  text,
    -- uri, name and version live in properties (they are fields of the Kubeflow types); these columns index them.
    uri          text generated always as (properties ->> 'uri') stored,
    name         text generated always as (properties ->> 'name') stored,
    version      text generated always as (properties ->> 'version') stored,
    state        text        not null,
    properties   jsonb       not null default '{}'::jsonb,
    digest       text,
    create_time  timestamptz not null,
    update_time  timestamptz not null
);
create unique index artifact_external_id_unique on artifact (workspace_id, external_id) where external_id is not null;
create index artifact_workspace_id on artifact (workspace_id, id);
create index artifact_type on artifact (workspace_id, type_id, id);
create index artifact_name on artifact (workspace_id, name, id);
create index artifact_uri on artifact (workspace_id, uri, id);
create index artifact_state on artifact (workspace_id, state, id);
create index artifact_create_time on artifact (workspace_id, create_time, id);
create index artifact_dedup on artifact (workspace_id, type_id, uri, name, version);
create index artifact_properties on artifact using gin (properties jsonb_path_ops);

create table execution (
    id            bigint primary key default nextval('execution_seq'),
    workspace_id  bigint      not null references workspace (id),
    type_id       bigint      not null references metadata_type (id),
    external_id   text,
    name          text        not null,
    description   text        not null default '',
    labels        jsonb       not null default '{}'::jsonb,
    state         text        not null,
    properties    jsonb       not null default '{}'::jsonb,
    error_message text,
    start_time    timestamptz,
    end_time      timestamptz,
    create_time   timestamptz not null,
    update_time   timestamptz not null
);
create unique index execution_external_id_unique on execution (workspace_id, external_id) where external_id is not null;
create index execution_workspace_id on execution (workspace_id, id);
create index execution_type on execution (workspace_id, type_id, id);
create index execution_name on execution (workspace_id, name, id);
create index execution_state on execution (workspace_id, state, id);
create index execution_create_time on execution (workspace_id, create_time, id);
create index execution_properties on execution using gin (properties jsonb_path_ops);
create index execution_labels on execution using gin (labels jsonb_path_ops);

create table context (
    id           bigint primary key default nextval('context_seq'),
    workspace_id bigint      not null references workspace (id),
    type_id      bigint      not null references metadata_type (id),
    external_id  text,
    name         text        not null,
    description  text        not null default '',
    labels       jsonb       not null default '{}'::jsonb,
    properties   jsonb       not null default '{}'::jsonb,
    create_time  timestamptz not null,
    update_time  timestamptz not null,
    constraint context_name_unique unique (workspace_id, type_id, name)
);
create unique index context_external_id_unique on context (workspace_id, external_id) where external_id is not null;
create index context_workspace_id on context (workspace_id, id);
create index context_name on context (workspace_id, name, id);
create index context_create_time on context (workspace_id, create_time, id);
create index context_properties on context using gin (properties jsonb_path_ops);
create index context_labels on context using gin (labels jsonb_path_ops);

-- An execution read (INPUT) or wrote (OUTPUT) an artifact. In data-flow terms INPUT is artifact -> execution and
-- OUTPUT is execution -> artifact; lineage walks these rows.
create table event (
    id           bigint primary key default nextval('event_seq'),
    workspace_id bigint      not null references workspace (id),
    execution_id bigint      not null references execution (id),
    artifact_id  bigint      not null references artifact (id),
    type         text        not null check (type in ('INPUT', 'OUTPUT')),
    event_time   timestamptz not null,
    constraint event_unique unique (execution_id, artifact_id, type)
);
create index event_artifact on event (artifact_id, type);

create table attribution (
    context_id  bigint not null references context (id),
    artifact_id bigint not null references artifact (id),
    primary key (context_id, artifact_id)
);
create index attribution_artifact on attribution (artifact_id);

create table association (
    context_id   bigint not null references context (id),
    execution_id bigint not null references execution (id),
    primary key (context_id, execution_id)
);
create index association_execution on association (execution_id);

create table parent_context (
    context_id        bigint not null references context (id),
    parent_context_id bigint not null references context (id),
    primary key (context_id, parent_context_id),
    constraint parent_context_not_self check (context_id <> parent_context_id)
);
create index parent_context_parent on parent_context (parent_context_id);
