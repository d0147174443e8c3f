-- OUTPUT events as edges execution -> artifact, in edge key order.
select e.artifact_id, e.execution_id, e.type, e.event_time
from event e
where e.type = 'OUTPUT'
  and (e.execution_id, e.artifact_id) > (:afterExecutionId, :afterArtifactId)
  and (:allWorkspaces or e.workspace_id = :workspaceId)
order by e.execution_id, e.artifact_id
limit :limit
