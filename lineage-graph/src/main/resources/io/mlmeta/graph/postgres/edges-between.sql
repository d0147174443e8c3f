-- Events joining an artifact of one set to an execution of another, looked up from either side.
select e.artifact_id, e.execution_id, e.type, e.event_time
from event e
where e.artifact_id = any(:artifactIds::bigint[])
  and e.execution_id = any(:otherExecutionIds::bigint[])
union all
select e.artifact_id, e.execution_id, e.type, e.event_time
from event e
where e.execution_id = any(:executionIds::bigint[])
  and e.artifact_id = any(:otherArtifactIds::bigint[])
