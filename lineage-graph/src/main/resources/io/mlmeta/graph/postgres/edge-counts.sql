select e.type, count(*) as count
from event e
where :allWorkspaces or e.workspace_id = :workspaceId
group by e.type
