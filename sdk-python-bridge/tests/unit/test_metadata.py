"""The Kubeflow-compatible API against a scripted fake server: what each call sends."""

import json
import unittest
from typing import Any

from mlmeta import metadata
from mlmeta.client import HttpResponse, RetryPolicy
from mlmeta.errors import AlreadyExistsError

from .fakes import FakeTransport, connection_refused, graphql_error, ok

TIME = "2026-01-01T00:00:00Z"


class FakeServer:
    """Answers the client's operations from memory, recording each request's variables."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.next_id = 1
        self.fail_next: list[Any] = []

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def __call__(self, request: dict[str, Any]) -> Any:
        if self.fail_next:
            return self.fail_next.pop(0)
        query, variables = request["query"], request["variables"]
        self.calls.append({"query": query, "variables": variables})
        if "createWorkspace" in query:
            return ok({"createWorkspace": {"id": "1", "name": variables["name"],
                                           "createTime": TIME}})
        if "createContext" in query:
            return ok({"createContext": {"id": "2", "type": "Run", "createTime": TIME,
                                         "name": variables["context"]["name"]}})
        if "recordExecution" in query:
            record = variables["input"]
            result: dict[str, Any] = {"execution": {"id": record.get("executionId") or "3",
                                                    "createTime": TIME},
                                      "inputs": [], "outputs": [], "contexts": []}
            for direction in ("inputs", "outputs"):
                for link in record.get(direction, []):
                    result[direction].append(
                        {"id": link.get("artifactId") or self._id(), "createTime": TIME})
            return ok({"recordExecution": result})
        if "artifacts(" in query:
            after = variables["after"]
            index = 0 if after is None else int(after)
            node = {"id": str(10 + index), "type": "Model", "state": "LIVE",
                    "workspace": variables["workspace"], "createTime": TIME,
                    "properties": json.dumps({"uri": f"u{index}", "name": "m"}),
                    "contexts": []}
            has_next = index < 2
            return ok({"artifacts": {"nodes": [node], "pageInfo": {
                "hasNextPage": has_next, "endCursor": str(index + 1) if has_next else None}}})
        raise AssertionError("unexpected query " + query)

    def variables(self, operation: str) -> list[dict[str, Any]]:
        return [c["variables"] for c in self.calls if operation in c["query"]]


class WorkflowTest(unittest.TestCase):
    def setUp(self) -> None:
        self.server = FakeServer()
        self.transport = FakeTransport(self.server)
        self.store = metadata.Store(grpc_host="localhost", grpc_port=8080,
                                    transport=self.transport,
                                    retry=RetryPolicy(max_attempts=3, initial_backoff=0.0))
        self.ws = metadata.Workspace(store=self.store, name="ws1",
                                     description="a workspace for testing", labels={"n1": "v1"})

    def test_workspace_is_created_with_reuse(self) -> None:
        self.assertEqual({"name": "ws1", "description": "a workspace for testing",
                          "labels": [{"key": "n1", "value": "v1"}], "reuse": True},
                         self.server.variables("createWorkspace")[0])
        self.assertEqual(1, self.ws.id)

    def test_workspace_checks_its_arguments(self) -> None:
        with self.assertRaises(ValueError):
            metadata.Workspace(store=None, name="w")
        with self.assertRaises(ValueError):
            metadata.Workspace(store=self.store, name=None)
        with self.assertRaises(ValueError):
            metadata.Workspace(store=self.store, name="w", backend_url_prefix="http://x")

    def test_workspace_without_reuse_raises_already_exists(self) -> None:
        self.server.fail_next.append(graphql_error("ALREADY_EXISTS", "workspace ws1 already exists"))
        with self.assertRaises(AlreadyExistsError):
            metadata.Workspace(store=self.store, name="ws1", reuse_workspace_if_exists=False)

    def test_run_is_a_reused_run_context_with_a_key(self) -> None:
        run = metadata.Run(workspace=self.ws, name="run-1", description="a run in ws_1")
        variables = self.server.variables("createContext")[0]
        self.assertTrue(variables["reuse"])
        self.assertEqual("ws1", variables["workspace"])
        self.assertEqual("Run", variables["context"]["type"])
        self.assertEqual("run-1", variables["context"]["name"])
        self.assertEqual(run.external_id, variables["context"]["externalId"])
        self.assertEqual(2, run.id)

    def test_execution_is_created_in_its_run(self) -> None:
        run = metadata.Run(workspace=self.ws, name="run-1")
        execution = metadata.Execution(name="execution", workspace=self.ws, run=run,
                                       description="execution example")
        record = self.server.variables("recordExecution")[0]["input"]
        self.assertEqual("ws1", record["workspace"])
        self.assertEqual("Execution", record["execution"]["type"])
        self.assertEqual("execution", record["execution"]["name"])
        self.assertEqual(execution.external_id, record["execution"]["externalId"])
        self.assertEqual([{"contextId": "2"}], record["contexts"])
        self.assertEqual(3, execution.id)

    def test_execution_type_can_be_chosen(self) -> None:
        metadata.Execution(name="train", workspace=self.ws, execution_type="Train",
                           properties={"workers": 2})
        record = self.server.variables("recordExecution")[0]["input"]
        self.assertEqual("Train", record["execution"]["type"])
        self.assertEqual({"workers": 2}, json.loads(record["execution"]["properties"]))
        self.assertNotIn("contexts", record)

    def test_log_input_and_output_record_events_with_dedup(self) -> None:
        run = metadata.Run(workspace=self.ws, name="run-1")
        execution = metadata.Execution(name="e", workspace=self.ws, run=run)
        ds = execution.log_input(metadata.DataSet(uri="file://d", name="d", version="v1"))
        model = execution.log_output(metadata.Model(uri="gcs://m", name="m"))
        inputs = self.server.variables("recordExecution")[1]["input"]
        outputs = self.server.variables("recordExecution")[2]["input"]
        self.assertEqual("3", inputs["executionId"])
        self.assertNotIn("execution", inputs)
        self.assertEqual([{"contextId": "2"}], inputs["contexts"])
        link = inputs["inputs"][0]
        self.assertTrue(link["reuseIfExists"])
        self.assertEqual("Dataset", link["newArtifact"]["type"])
        self.assertEqual(ds.external_id, link["newArtifact"]["externalId"])
        self.assertEqual({"uri": "file://d", "name": "d", "version": "v1"},
                         json.loads(link["newArtifact"]["properties"]))
        self.assertEqual("Model", outputs["outputs"][0]["newArtifact"]["type"])
        self.assertNotIn("inputs", outputs)
        self.assertIsInstance(ds.id, int)
        self.assertIsInstance(model.id, int)
        self.assertEqual(TIME, model.create_time)
        self.assertEqual("ws1", model.workspace)

    def test_logging_an_artifact_with_an_id_links_it(self) -> None:
        execution = metadata.Execution(name="e", workspace=self.ws)
        ds = metadata.DataSet(uri="u", name="n")
        ds.id = 42
        execution.log_input(ds)
        self.assertEqual([{"artifactId": "42"}],
                         self.server.variables("recordExecution")[1]["input"]["inputs"])

    def test_retried_write_sends_the_same_idempotency_key(self) -> None:
        execution = metadata.Execution(name="e", workspace=self.ws)
        self.server.fail_next.extend([connection_refused(), HttpResponse(503, b"")])
        ds = execution.log_input(metadata.DataSet(uri="u", name="n"))
        bodies = [b for b in self.transport.bodies if b"recordExecution" in b][1:]
        self.assertEqual(3, len(bodies))
        self.assertEqual(1, len(set(bodies)))
        self.assertIn(ds.external_id.encode(), bodies[0])

    def test_log_rejects_objects_that_are_not_artifacts(self) -> None:
        execution = metadata.Execution(name="e", workspace=self.ws)
        with self.assertRaises(ValueError):
            execution.log_input(None)
        with self.assertRaises(ValueError):
            execution.log_output(object())

    def test_list_reads_every_page(self) -> None:
        listed = self.ws.list()
        self.assertEqual([10, 11, 12], [a["id"] for a in listed])
        afters = [v["after"] for v in self.server.variables("artifacts(")]
        self.assertEqual([None, "1", "2"], afters)
        self.assertEqual({"type": "Model"}, self.server.variables("artifacts(")[0]["filter"])

    def test_list_accepts_kubeflow_type_names(self) -> None:
        self.ws.list("kubeflow.org/alpha/data_set")
        self.assertEqual({"type": "Dataset"}, self.server.variables("artifacts(")[0]["filter"])

    def test_list_artifacts_is_a_lazy_iterator_of_pages(self) -> None:
        pages = self.ws.list_artifacts("Model", name="m", page_size=1)
        self.assertEqual([], self.server.variables("artifacts("))
        first = next(pages)
        self.assertEqual(1, len(first))
        self.assertTrue(first.has_next_page)
        self.assertEqual("1", first.end_cursor)
        self.assertEqual(1, len(self.server.variables("artifacts(")))
        self.assertEqual({"type": "Model", "name": "m"},
                         self.server.variables("artifacts(")[0]["filter"])
        self.assertEqual(1, self.server.variables("artifacts(")[0]["first"])
        resumed = next(self.ws.list_artifacts("Model", page_size=1, after=first.end_cursor))
        self.assertEqual(11, resumed.items[0]["id"])


if __name__ == "__main__":
    unittest.main()
