-- Transactional outbox of lineage changes, mirrored into Neo4j by the projector.
-- Writers take a transaction-scoped advisory lock before appending, so positions are assigned in
-- commit order: a projector that has read up to position P can never later see a row below P.
create table lineage_outbox (
    position     bigint generated always as identity primary key,
    workspace_id bigint      not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default clock_timestamp()
);

-- How far the mirror has applied the outbox; one row.
create table lineage_mirror (
    id           smallint primary key check (id = 1),
    position     bigint      not null,
    updated_at   timestamptz not null,
    rebuilt_at   timestamptz
);
insert into lineage_mirror (id, position, updated_at) values (1, 0, now());
