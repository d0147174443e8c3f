-- Breadth-first lineage walk over the store's event table.
-- A row is (node, walk direction, hop distance); UNION drops repeated rows, so each node is walked at
-- most once per direction and distance and the walk ends even on cyclic data. PostgreSQL produces
-- the rows one hop level after the other and only as far as the client fetches them: the caller
-- streams them, keeps each node's first (shortest) appearance, and stops reading once its page is
-- decided or its time budget is spent.
-- The walk crosses workspaces. A node outside the visible ones is redacted: the filters see only its
-- kind, so a filter on type or state neither returns it nor stops there.
with recursive walk (kind, id, direction, hops, type_id, state, visible) as (
    select 'ARTIFACT'::text, a.id, d.direction, 0, a.type_id, a.state, true
    from artifact a
    cross join unnest(:directions::text[]) as d (direction)
    where a.id = any(:startArtifactIds::bigint[])
      and (:allVisible or a.workspace_id = any(:visibleWorkspaceIds::bigint[]))
  union all
    select 'EXECUTION'::text, x.id, d.direction, 0, x.type_id, x.state, true
    from execution x
    cross join unnest(:directions::text[]) as d (direction)
    where x.id = any(:startExecutionIds::bigint[])
      and (:allVisible or x.workspace_id = any(:visibleWorkspaceIds::bigint[]))
  union
    select next.kind, next.id, w.direction, w.hops + 1, next.type_id, next.state,
           :allVisible or next.workspace_id = any(:visibleWorkspaceIds::bigint[])
    from walk w
    cross join lateral (
        -- From an artifact: downstream to the executions that read it (INPUT),
        -- upstream to the executions that wrote it (OUTPUT).
        select 'EXECUTION'::text as kind, x.id, x.type_id, x.state, x.workspace_id
        from event e
        join execution x on x.id = e.execution_id
        where w.kind = 'ARTIFACT'
          and e.artifact_id = w.id
          and e.type = case w.direction when 'DOWNSTREAM' then 'INPUT' else 'OUTPUT' end
      union all
        -- From an execution: downstream to what it wrote, upstream to what it read.
        select 'ARTIFACT'::text, a.id, a.type_id, a.state, a.workspace_id
        from event e
        join artifact a on a.id = e.artifact_id
        where w.kind = 'EXECUTION'
          and e.execution_id = w.id
          and e.type = case w.direction when 'DOWNSTREAM' then 'OUTPUT' else 'INPUT' end
    ) next
    where w.hops < :maxHops
      -- Start nodes are always walked past; other nodes that match the stop-at filter are not.
      and (w.hops = 0 or not (:stopEnabled
          and (:stopAnyKind or w.kind = any(:stopKinds::text[]))
          and (:stopAnyType or (w.visible and w.type_id = any(:stopTypeIds::bigint[])))
          and (:stopAnyState or (w.visible and w.state = any(:stopStates::text[])))))
)
select kind,
       id,
       hops,
       (:returnAnyKind or kind = any(:returnKinds::text[]))
         and (:returnAnyType or (visible and type_id = any(:returnTypeIds::bigint[])))
         and (:returnAnyState or (visible and state = any(:returnStates::text[]))) as accepted
from walk
