select 'ARTIFACT' as kind, a.id, a.workspace_id, t.name as type_name, a.state, a.name, a.uri, a.create_time
from artifact a
join metadata_type t on t.id = a.type_id
where a.id > :afterId
  and (:allWorkspaces or a.workspace_id = :workspaceId)
order by a.id
limit :limit
