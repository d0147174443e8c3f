select 'EXECUTION' as kind, x.id, x.workspace_id, t.name as type_name, x.state, x.name, null as uri, x.create_time
from execution x
join metadata_type t on t.id = x.type_id
where x.id > :afterId
  and (:allWorkspaces or x.workspace_id = :workspaceId)
order by x.id
limit :limit
