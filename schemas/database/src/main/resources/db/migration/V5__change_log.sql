-- Issue 14: the change log. Every statement that changes rows of the metadata tables appends entries in its own
-- transaction, written by the triggers below, so no code path (ORM, set-based SQL, a future one) can forget them.
-- Entries carry who (set per transaction by the server, see ChangeAttribution), the changed rows' keys and a SHA-256
-- of their state before and after. A sealer chains committed entries afterwards (change_log_chain), in the order their transactions
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
    -- The changed rows' keys: the id, or the key columns joined by '/' (attribution: context_id/artifact_id).
    entity_keys    text[]      not null,
    workspace_id   bigint,
    -- SHA-256 over the changed rows' text forms (ordered by key, one per line) before and after the change.
    old_digest     bytea,
    new_digest     bytea
);
create index change_log_by_transaction on change_log (transaction_id);
-- A workspace's history, newest first, and one row's ("what happened to artifact 42").
create index change_log_by_workspace on change_log (workspace_id, sequence);
create index change_log_by_key on change_log using gin (entity_keys);

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

-- One entry per changing statement and workspace, not per row: a batch of 500 executions with their events adds a
-- handful of entries, which keeps the log's cost on ingest small (a log row per changed row doubled the rows written).
-- Each table gets its own trigger function with static SQL, so PostgreSQL plans it once per session. Text forms are
-- rendered in UTC with ISO dates, so the digests do not depend on the session's settings.
do $$
declare
    logged record;
    key_new text;
    key_old text;
    workspace_new text;
    workspace_old text;
begin
    for logged in
        select * from (values
            ('workspace', 'id', array['id']),
            ('metadata_type', '', array['id']),
            ('metadata_type_revision', '', array['type_id', 'version']),
            ('artifact', 'workspace_id', array['id']),
            ('execution', 'workspace_id', array['id']),
            ('context', 'workspace_id', array['id']),
            ('event', 'workspace_id', array['id']),
            ('attribution', '', array['context_id', 'artifact_id']),
            ('association', '', array['context_id', 'execution_id']),
            ('parent_context', '', array['context_id', 'parent_context_id']),
            ('workspace_grant', 'workspace_id', array['workspace_id', 'grantee_kind', 'grantee']),
            ('api_token', '', array['id'])
        ) as t(table_name, workspace_column, key_columns)
    loop
        key_new := (select 'concat_ws(''/'', ' || string_agg('n.' || quote_ident(c), ', ') || ')'
                    from unnest(logged.key_columns) c);
        key_old := replace(key_new, 'n.', 'o.');
        workspace_new := case when logged.workspace_column = '' then 'null::bigint'
                              else 'n.' || quote_ident(logged.workspace_column) end;
        workspace_old := replace(workspace_new, 'n.', 'o.');
        execute format($f$
            create function %1$I() returns trigger language plpgsql
                set timezone = 'UTC' set datestyle = 'ISO' set extra_float_digits = 1 as $body$
            declare
                who text := nullif(current_setting('mlmeta.principal', true), '');
                request text := nullif(current_setting('mlmeta.request_id', true), '');
            begin
                if tg_op = 'INSERT' then
                    insert into change_log (principal, request_id, operation, entity, entity_keys, workspace_id,
                                            new_digest)
                    select who, request, 'create', %2$L, array_agg(k order by k), w,
                           sha256(convert_to(string_agg(r, E'\n' order by k), 'UTF8'))
                    from (select %3$s as k, %4$s as w, n::text as r from new_rows n) as changed
                    group by w;
                elsif tg_op = 'UPDATE' then
                    insert into change_log (principal, request_id, operation, entity, entity_keys, workspace_id,
                                            old_digest, new_digest)
                    select who, request, 'update', %2$L, array_agg(k order by k), w,
                           sha256(convert_to(string_agg(before, E'\n' order by k), 'UTF8')),
                           sha256(convert_to(string_agg(after, E'\n' order by k), 'UTF8'))
                    from (select %3$s as k, %4$s as w, o::text as before, n::text as after
                          from new_rows n join old_rows o on %5$s = %3$s) as changed
                    group by w;
                else
                    insert into change_log (principal, request_id, operation, entity, entity_keys, workspace_id,
                                            old_digest)
                    select who, request, 'delete', %2$L, array_agg(k order by k), w,
                           sha256(convert_to(string_agg(r, E'\n' order by k), 'UTF8'))
                    from (select %5$s as k, %6$s as w, o::text as r from old_rows o) as changed
                    group by w;
                end if;
                return null;
            end;
            $body$ $f$,
            'change_log_record_' || logged.table_name, logged.table_name, key_new, workspace_new, key_old,
            workspace_old);
        execute format('create trigger %I after insert on %I referencing new table as new_rows'
                       || ' for each statement execute function %I()',
                       logged.table_name || '_change_log_insert', logged.table_name,
                       'change_log_record_' || logged.table_name);
        execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows'
                       || ' for each statement execute function %I()',
                       logged.table_name || '_change_log_update', logged.table_name,
                       'change_log_record_' || logged.table_name);
        execute format('create trigger %I after delete on %I referencing old table as old_rows'
                       || ' for each statement execute function %I()',
                       logged.table_name || '_change_log_delete', logged.table_name,
                       'change_log_record_' || logged.table_name);
    end loop;
end;
$$;
