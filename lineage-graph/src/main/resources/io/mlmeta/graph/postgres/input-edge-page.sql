-- INPUT events as edges artifact -> execution, in edge key order.
select e.artifact_id, e.execution_id, e.type, e.event_time
from event e
where e.type = 'INPUT'
  and (e.artifact_id, e.execution_id) > (:afterArtifactId, :afterExecutionId)
  and (:allWorkspaces or e.workspace_id = :workspaceId)
order by e.artifact_id, e.execution_id
limit :limit
