-- Breadth-first lineage walk over the store's event table.
-- A row is (node, walk direction, hop distance); UNION drops repeated rows, so each node is walked at
-- most once per direction and distance and the walk ends even on cyclic data. PostgreSQL produces
-- the rows one hop level after the other and only as far as the client fetches them: the caller
-- streams them, keeps each node's first (shortest) appearance, and stops reading once its page is
-- decided or its time budget is spent.
with recursive walk (kind, id, direction, hops, type_id, state) as (
    select 'ARTIFACT'::text, a.id, d.direction, 0, a.type_id, a.state
    from artifact a
    cross join unnest(:directions::text[]) as d (direction)
    where a.id = any(:startArtifactIds::bigint[])
      and a.workspace_id = :workspaceId
  union all
    select 'EXECUTION'::text, x.id, d.direction, 0, x.type_id, x.state
    from execution x
    cross join unnest(:directions::text[]) as d (direction)
    where x.id = any(:startExecutionIds::bigint[])
      and x.workspace_id = :workspaceId
  union
    select next.kind, next.id, w.direction, w.hops + 1, next.type_id, next.state
    from walk w
    cross join lateral (
        -- From an artifact: downstream to the executions that read it (INPUT),
        -- upstream to the executions that wrote it (OUTPUT).
        select 'EXECUTION'::text as kind, x.id, x.type_id, x.state
        from event e
        join execution x on x.id = e.execution_id
        where w.kind = 'ARTIFACT'
          and e.artifact_id = w.id
          and e.type = case w.direction when 'DOWNSTREAM' then 'INPUT' else 'OUTPUT' end
          and x.workspace_id = :workspaceId
      union all
        -- From an execution: downstream to what it wrote, upstream to what it read.
        select 'ARTIFACT'::text, a.id, a.type_id, a.state
        from event e
        join artifact a on a.id = e.artifact_id
        where w.kind = 'EXECUTION'
          and e.execution_id = w.id
          and e.type = case w.direction when 'DOWNSTREAM' then 'OUTPUT' else 'INPUT' end
          and a.workspace_id = :workspaceId
    ) next
    where w.hops < :maxHops
      -- Start nodes are always walked past; other nodes that match the stop-at filter are not.
      and (w.hops = 0 or not (:stopEnabled
          and (:stopAnyKind or w.kind = any(:stopKinds::text[]))
          and (:stopAnyType or w.type_id = any(:stopTypeIds::bigint[]))
          and (:stopAnyState or w.state = any(:stopStates::text[]))))
)
select kind,
       id,
       hops,
       (:returnAnyKind or kind = any(:returnKinds::text[]))
         and (:returnAnyType or type_id = any(:returnTypeIds::bigint[]))
         and (:returnAnyState or state = any(:returnStates::text[])) as accepted
from walk
