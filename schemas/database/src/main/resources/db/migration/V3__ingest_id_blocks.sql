-- Batched ingest (issue 7) inserts hundreds of artifacts and executions per transaction. Blocks of 1000 ids
-- cost Hibernate one sequence round trip per 1000 rows instead of one per 50 (the entities' allocationSize
-- must match). Ids already handed out stay below the next block, so the change is safe on a running store.
alter sequence artifact_seq increment by 1000;
alter sequence execution_seq increment by 1000;
