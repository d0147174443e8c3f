-- Artifacts and executions by id, as lineage nodes.
select 'ARTIFACT' as kind, a.id, a.workspace_id, t.name as type_name, a.state, a.name, a.uri, a.create_time
from artifact a
join metadata_type t on t.id = a.type_id
where a.id = any(:artifactIds::bigint[])
union all
select 'EXECUTION', x.id, x.workspace_id, t.name, x.state, x.name, null, x.create_time
from execution x
join metadata_type t on t.id = x.type_id
where x.id = any(:executionIds::bigint[])
