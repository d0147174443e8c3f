"""The GraphQL documents the client sends are well formed and read the documented fields."""

import unittest

from mlmeta import _documents as documents


def _balanced(document: str) -> bool:
    depth = 0
    for char in document:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


class DocumentsTest(unittest.TestCase):
    def test_every_document_has_balanced_braces(self) -> None:
        all_documents = [
            documents.CREATE_WORKSPACE,
            documents.WORKSPACE,
            documents.CREATE_CONTEXT,
            documents.RECORD_EXECUTION,
            documents.LINEAGE_QUERY,
        ]
        all_documents += [documents.entity_query(k) for k in ("artifact", "execution", "context")]
        all_documents += [documents.list_query(k) for k in documents.LIST_KINDS]
        for document in all_documents:
            self.assertTrue(_balanced(document), document)
            self.assertNotIn("{{", document)

    def test_entity_query_reads_the_entitys_selection(self) -> None:
        self.assertEqual(
            f"query Get($id: ID!) {{ artifact(id: $id) {{ {documents.ARTIFACT_SELECTION} }} }}",
            documents.entity_query("artifact"),
        )

    def test_list_query_names_the_filter_type_and_pages(self) -> None:
        query = documents.list_query("executions")
        self.assertIn("$filter: ExecutionFilter,", query)
        self.assertIn(f"nodes {{ {documents.EXECUTION_SELECTION} }}", query)
        self.assertIn("pageInfo { hasNextPage endCursor }", query)
        self.assertEqual(("artifacts", "contexts", "executions"), documents.LIST_KINDS)

    def test_record_execution_reads_every_part_of_the_answer(self) -> None:
        for part in ("execution {", "inputs {", "outputs {", "contexts {", "lineagePosition"):
            self.assertIn(part, documents.RECORD_EXECUTION)


if __name__ == "__main__":
    unittest.main()
