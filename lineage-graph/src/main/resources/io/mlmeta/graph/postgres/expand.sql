-- One hop from a frontier, in every workspace, of artifacts and executions, with the neighbours' fields and the events.
-- Downstream: artifacts follow INPUT events, executions OUTPUT events; upstream the other way round.
select 'ARTIFACT' as origin_kind,
       e.artifact_id as origin_id,
       e.event_time,
       'EXECUTION' as kind,
       x.id,
       x.workspace_id,
       t.name as type_name,
       x.state,
       x.name,
       null::text as uri,
       x.create_time
from event e
join execution x on x.id = e.execution_id
join metadata_type t on t.id = x.type_id
where e.artifact_id = any(:artifactIds::bigint[])
  and e.type = :artifactEventType
union all
select 'EXECUTION',
       e.execution_id,
       e.event_time,
       'ARTIFACT',
       a.id,
       a.workspace_id,
       t.name,
       a.state,
       a.name,
       a.uri,
       a.create_time
from event e
join artifact a on a.id = e.artifact_id
join metadata_type t on t.id = a.type_id
where e.execution_id = any(:executionIds::bigint[])
  and e.type = :executionEventType
