-- The ids of the metadata types with these names (a name may exist once per kind).
select id from metadata_type where name = any(:names::text[])
