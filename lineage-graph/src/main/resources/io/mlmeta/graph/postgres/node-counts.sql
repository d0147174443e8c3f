select 'ARTIFACT' as kind, t.name as type_name, count(*) as count
from artifact a
join metadata_type t on t.id = a.type_id
where :allWorkspaces or a.workspace_id = :workspaceId
group by t.name
union all
select 'EXECUTION', t.name, count(*)
from execution x
join metadata_type t on t.id = x.type_id
where :allWorkspaces or x.workspace_id = :workspaceId
group by t.name
