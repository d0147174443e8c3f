-- Issue 14: the change log. Every row change of the metadata tables appends one entry in the changing statement's own
-- transaction, written by the triggers below, so no code path (ORM, set-based SQL, a future one) can forget it.
-- Entries carry who (set per transaction by the server, see ChangeAttribution) and a SHA-256 of the row's state
-- before and after. A sealer chains committed entries afterwards (change_log_chain), in the order their transactions
-- finished, so the write path takes no lock for the chain.
create table change_log (
    sequence       bigint generated always as identity primary key,
    recorded_at    timestamptz not null default now(),
    -- Which transaction wrote the entry: the sealer takes entries only once their transaction has ended.
    transaction_id xid8        not null default pg_current_xact_id(),
    principal      text,
    request_id     text,
    operation      text        not null check (operation in ('create', 'update', 'delete')),
    entity         text        not null,
    entity_key     jsonb       not null,
    workspace_id   bigint,
    old_digest     bytea,
    new_digest     bytea
);
create index change_log_by_transaction on change_log (transaction_id);
-- History of one entity ("what happened to artifact 42"), newest first.
create index change_log_by_entity on change_log (entity, entity_key, sequence);

-- The hash chain: position n holds sha256(hash at n-1 || canonical entry), over entries of transactions that had
-- ended when they were sealed. sealed_below is the oldest transaction still running at sealing time: the next round
-- starts there, so every entry is sealed exactly once.
create table change_log_chain (
    position     bigint      primary key,
    sequence     bigint      not null unique,
    entry_hash   bytea       not null,
    sealed_below xid8        not null,
    sealed_at    timestamptz not null default now()
);

-- Append-only, enforced by the database: updates, deletes and truncation are refused whoever asks. Only the tables'
-- owner could drop these triggers, and the chain then shows what was changed.
create function change_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the change log is append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger change_log_append_only before update or delete on change_log
    for each row execute function change_log_refuse_change();
create trigger change_log_no_truncate before truncate on change_log
    for each statement execute function change_log_refuse_change();
create trigger change_log_chain_append_only before update or delete on change_log_chain
    for each row execute function change_log_refuse_change();
create trigger change_log_chain_no_truncate before truncate on change_log_chain
    for each statement execute function change_log_refuse_change();

-- The entity key of a row: the columns named in the trigger's arguments.
create function change_log_key(row_state jsonb, key_columns text[]) returns jsonb
    language sql immutable as $$
    select jsonb_object_agg(k, row_state -> k) from unnest(key_columns) as k
$$;

create function change_log_workspace(row_state jsonb, entity text) returns bigint
    language sql immutable as $$
    select coalesce((row_state ->> 'workspace_id')::bigint,
                    case when entity = 'workspace' then (row_state ->> 'id')::bigint end)
$$;

create function change_log_digest(row_state jsonb) returns bytea
    language sql immutable as $$
    select sha256(convert_to(row_state::text, 'UTF8'))
$$;

-- One set-based insert per changing statement (statement triggers with transition tables), so a batch of 500
-- executions costs one more insert, not 500.
create function change_log_record() returns trigger language plpgsql as $$
declare
    who text := nullif(current_setting('mlmeta.principal', true), '');
    request text := nullif(current_setting('mlmeta.request_id', true), '');
begin
    if tg_op = 'INSERT' then
        insert into change_log (principal, request_id, operation, entity, entity_key, workspace_id, new_digest)
        select who, request, 'create', tg_table_name, change_log_key(r, tg_argv),
               change_log_workspace(r, tg_table_name), change_log_digest(r)
        from (select to_jsonb(n) as r from new_rows n) as changed
        order by change_log_key(r, tg_argv)::text;
    elsif tg_op = 'UPDATE' then
        insert into change_log (principal, request_id, operation, entity, entity_key, workspace_id, old_digest,
                                new_digest)
        select who, request, 'update', tg_table_name, change_log_key(n.r, tg_argv),
               change_log_workspace(n.r, tg_table_name), change_log_digest(o.r), change_log_digest(n.r)
        from (select to_jsonb(x) as r from old_rows x) as o
        join (select to_jsonb(x) as r from new_rows x) as n on change_log_key(o.r, tg_argv) = change_log_key(n.r, tg_argv)
        order by change_log_key(n.r, tg_argv)::text;
    else
        insert into change_log (principal, request_id, operation, entity, entity_key, workspace_id, old_digest)
        select who, request, 'delete', tg_table_name, change_log_key(r, tg_argv),
               change_log_workspace(r, tg_table_name), change_log_digest(r)
        from (select to_jsonb(o) as r from old_rows o) as changed
        order by change_log_key(r, tg_argv)::text;
    end if;
    return null;
end;
$$;

do $$
declare
    logged record;
begin
    for logged in
        select * from (values
            ('workspace', array['id']),
            ('metadata_type', array['id']),
            ('metadata_type_revision', array['type_id', 'version']),
            ('artifact', array['id']),
            ('execution', array['id']),
            ('context', array['id']),
            ('event', array['id']),
            ('attribution', array['context_id', 'artifact_id']),
            ('association', array['context_id', 'execution_id']),
            ('parent_context', array['context_id', 'parent_context_id']),
            ('workspace_grant', array['workspace_id', 'grantee_kind', 'grantee']),
            ('api_token', array['id'])
        ) as t(table_name, key_columns)
    loop
        execute format('create trigger %I after insert on %I referencing new table as new_rows'
                       || ' for each statement execute function change_log_record(%s)',
                       logged.table_name || '_change_log_insert', logged.table_name,
                       (select string_agg(quote_literal(c), ', ') from unnest(logged.key_columns) c));
        execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows'
                       || ' for each statement execute function change_log_record(%s)',
                       logged.table_name || '_change_log_update', logged.table_name,
                       (select string_agg(quote_literal(c), ', ') from unnest(logged.key_columns) c));
        execute format('create trigger %I after delete on %I referencing old table as old_rows'
                       || ' for each statement execute function change_log_record(%s)',
                       logged.table_name || '_change_log_delete', logged.table_name,
                       (select string_agg(quote_literal(c), ', ') from unnest(logged.key_columns) c));
    end loop;
end;
$$;
