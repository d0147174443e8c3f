"""End-to-end tests against a real mlmeta server.

Set ``MLMETA_URL`` (for example ``http://localhost:8080``); without it they fail. Every test uses its own
workspace (uuid suffix), so no data needs wiping between runs.
"""

import contextlib
import io
import os
import unittest
import urllib.parse
import uuid
from collections.abc import Mapping
from typing import Any

from mlmeta import metadata
from mlmeta.client import HttpResponse, RetryPolicy, TransportError, UrllibTransport
from mlmeta.errors import (
    AlreadyExistsError,
    InvalidArgumentError,
    NotFoundError,
    UnauthenticatedError,
    UnavailableError,
)

MLMETA_URL = os.environ.get("MLMETA_URL", "")
MISSING_SERVER = (
    "MLMETA_URL is not set: the integration tests need a running mlmeta server, "
    "e.g. MLMETA_URL=http://localhost:8080 python3 -m unittest discover -s tests/integration -t ."
)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def setUpModule() -> None:
    """These tests need a server; without one they fail instead of passing vacuously."""
    if not MLMETA_URL:
        raise RuntimeError(MISSING_SERVER)


def store(**kwargs: Any) -> metadata.Store:
    return metadata.Store(http_url=MLMETA_URL, **kwargs)


class ResponseLosingTransport(UrllibTransport):
    """Delivers every request, but loses the responses of the first ``lose`` writes."""

    def __init__(self, lose: int) -> None:
        super().__init__()
        self.lose = lose
        self.write_attempts = 0

    def post(self, url: str, body: bytes, headers: Mapping[str, str],
             timeout: float) -> HttpResponse:
        response = super().post(url, body, headers, timeout)
        if body.startswith(b'{"query":"mutation'):
            self.write_attempts += 1
            if self.lose > 0:
                self.lose -= 1
                raise TransportError("connection reset after the request was sent")
        return response


class IssueExampleTest(unittest.TestCase):
    def test_example_runs_verbatim(self) -> None:
        parts = urllib.parse.urlsplit(MLMETA_URL)
        host, port = parts.hostname, parts.port or 8080
        ws_name = unique("ws1")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            ws = metadata.Workspace(store=metadata.Store(grpc_host=host, grpc_port=port), name=ws_name,
                                    description="a workspace for testing", labels={"n1": "v1"})
            r = metadata.Run(workspace=ws, name="run-1", description="a run in ws_1")
            exec = metadata.Execution(name="execution", workspace=ws, run=r, description="execution example")
            ds = exec.log_input(metadata.DataSet(description="an example data", name="mytable-dump", owner="owner@my-company.org",
                    uri="file://path/to/dataset", version="v1.0.0", query="SELECT * FROM mytable"))
            model = exec.log_output(metadata.Model(name="MNIST", description="model to recognize handwritten digits",
                    owner="someone@kubeflow.org", uri="gcs://my-bucket/mnist", model_type="neural network",
                    training_framework={"name": "tensorflow", "version": "v1.0"},
                    hyperparameters={"learning_rate": 0.5, "layers": [10, 3, 1], "early_stop": True},
                    version="model_version_1", labels={"mylabel": "l1"}))
            print("\nModel id is {0.id} and version is {0.version}".format(model))

        self.assertRegex(out.getvalue(), r"\nModel id is \d+ and version is model_version_1\n")
        self.assertIsInstance(ds.id, int)
        self.assertIsInstance(model.id, int)
        self.assertNotEqual(ds.id, model.id)
        self.assertTrue(model.create_time)

        models = ws.list()
        self.assertEqual(1, len(models))
        listed = models[0]
        self.assertEqual(model.id, listed["id"])
        self.assertEqual(ws_name, listed["workspace"])
        self.assertEqual("run-1", listed["run"])
        self.assertEqual("gcs://my-bucket/mnist", listed["uri"])
        self.assertEqual("MNIST", listed["name"])
        self.assertEqual("model_version_1", listed["version"])
        self.assertEqual("someone@kubeflow.org", listed["owner"])
        self.assertEqual("neural network", listed["model_type"])
        self.assertEqual({"name": "tensorflow", "version": "v1.0"}, listed["training_framework"])
        self.assertEqual({"learning_rate": 0.5, "layers": [10, 3, 1], "early_stop": True},
                         listed["hyperparameters"])
        self.assertEqual({"mylabel": "l1"}, listed["labels"])
        self.assertTrue(listed["create_time"])

        datasets = ws.list(metadata.DataSet.ARTIFACT_TYPE_NAME)
        self.assertEqual([ds.id], [d["id"] for d in datasets])
        self.assertEqual("SELECT * FROM mytable", datasets[0]["query"])

        executions = [e for page in ws.list_executions() for e in page]
        self.assertEqual([exec.id], [e["id"] for e in executions])
        self.assertEqual("run-1", executions[0]["run"])
        self.assertEqual([r.id], [c["id"] for c in ws.list_runs()])


class IdentityTest(unittest.TestCase):
    def test_anonymous_on_loopback(self) -> None:
        caller = store(token="").whoami()
        self.assertEqual("ANONYMOUS", caller["kind"])

    def test_gateway_headers_from_an_untrusted_address_are_refused(self) -> None:
        with self.assertRaises(UnauthenticatedError):
            store(gateway_user="mallory@example.com", gateway_groups=["admins"]).whoami()

    def test_an_unknown_bearer_token_is_refused(self) -> None:
        with self.assertRaises(UnauthenticatedError):
            store(token="mlm_0123456789abcdef_" + "A" * 43).whoami()


class KubeflowSemanticsTest(unittest.TestCase):
    def setUp(self) -> None:
        self.ws = metadata.Workspace(store=store(), name=unique("kf"))
        self.run = metadata.Run(workspace=self.ws, name="run-1")

    def test_workspace_and_run_are_reused(self) -> None:
        again = metadata.Workspace(store=store(), name=self.ws.name)
        self.assertEqual(self.ws.id, again.id)
        self.assertEqual(self.run.id, metadata.Run(workspace=again, name="run-1").id)
        self.assertNotEqual(self.run.id, metadata.Run(workspace=again, name="run-2").id)

    def test_datasets_and_models_are_deduplicated(self) -> None:
        first = metadata.Execution(name="prep", workspace=self.ws, run=self.run)
        second = metadata.Execution(name="train", workspace=self.ws, run=self.run)
        produced = first.log_output(metadata.DataSet(uri="s3://d", name="d", version="v1"))
        consumed = second.log_input(metadata.DataSet(uri="s3://d", name="d", version="v1"))
        other_version = second.log_input(metadata.DataSet(uri="s3://d", name="d", version="v2"))
        self.assertEqual(produced.id, consumed.id)
        self.assertNotEqual(produced.id, other_version.id)
        model_a = second.log_output(metadata.Model(uri="s3://m", name="m", version="1"))
        model_b = second.log_output(metadata.Model(uri="s3://m", name="m", version="1"))
        self.assertEqual(model_a.id, model_b.id)
        self.assertEqual(2, len(self.ws.list("Dataset")))
        self.assertEqual(1, len(self.ws.list("Model")))

    def test_dedup_does_not_cross_workspaces(self) -> None:
        other = metadata.Workspace(store=store(), name=unique("kf-other"))
        here = metadata.Execution(name="e", workspace=self.ws).log_input(
            metadata.DataSet(uri="s3://shared", name="d"))
        there = metadata.Execution(name="e", workspace=other).log_input(
            metadata.DataSet(uri="s3://shared", name="d"))
        self.assertNotEqual(here.id, there.id)

    def test_metrics_carry_their_ids_type_and_values(self) -> None:
        execution = metadata.Execution(name="eval", workspace=self.ws, run=self.run,
                                       execution_type="Evaluate",
                                       properties={"metrics_type": "validation"})
        ds = execution.log_input(metadata.DataSet(uri="s3://d", name="d"))
        model = execution.log_input(metadata.Model(uri="s3://m", name="m"))
        metrics = execution.log_output(metadata.Metrics(
            name="MNIST-evaluation", uri="gcs://my-bucket/mnist-eval.csv",
            data_set_id=str(ds.id), model_id=str(model.id),
            metrics_type=metadata.Metrics.VALIDATION, values={"accuracy": 0.95},
            labels={"mylabel": "l1"}))
        listed = self.ws.list("kubeflow.org/alpha/metrics")
        self.assertEqual([metrics.id], [m["id"] for m in listed])
        self.assertEqual(str(ds.id), listed[0]["data_set_id"])
        self.assertEqual(str(model.id), listed[0]["model_id"])
        self.assertEqual("validation", listed[0]["metrics_type"])
        self.assertEqual({"accuracy": 0.95}, listed[0]["values"])
        executions = [e for page in self.ws.list_executions("Evaluate") for e in page]
        self.assertEqual({"metrics_type": "validation"}, executions[0]["properties"])

    def test_relogging_a_logged_artifact_links_it_by_id(self) -> None:
        producer = metadata.Execution(name="p", workspace=self.ws)
        consumer = metadata.Execution(name="c", workspace=self.ws)
        model = producer.log_output(metadata.Model(uri="s3://m", name="m"))
        first_id = model.id
        consumer.log_input(model)
        self.assertEqual(first_id, model.id)
        node = self.ws.client.get_execution(consumer.id)
        self.assertEqual("c", node["name"])


class LineageTest(unittest.TestCase):
    """Lineage queries, beyond the original Kubeflow API."""

    def setUp(self) -> None:
        self.ws = metadata.Workspace(store=store(), name=unique("lineage"))
        train = metadata.Execution(name="train", workspace=self.ws, execution_type="Train")
        self.data = train.log_input(metadata.DataSet(name="mnist", uri="gs://b/mnist"))
        self.model = train.log_output(metadata.Model(name="MNIST", uri="gs://b/model"))
        self.deploy = metadata.Execution(name="model-test", workspace=self.ws,
                                         execution_type="Deploy")
        self.deploy.log_input(self.model)

    def test_upstream_of_a_model_reaches_its_training_data(self) -> None:
        up = self.model.lineage(direction="upstream", max_hops=4)
        self.assertEqual(["Model", "Train", "Dataset"], [n["type"] for n in up["nodes"]])
        self.assertEqual([0, 1, 2], [n["hops"] for n in up["nodes"]])
        self.assertEqual([False, False, False], [n["redacted"] for n in up["nodes"]])
        self.assertFalse(up["truncated"])
        self.assertIn(up["answered_by"]["engine"], ("memory", "postgres", "neo4j"))

    def test_downstream_filtered_by_type_finds_the_deployment(self) -> None:
        down = self.ws.store.lineage(self.data.id, direction="downstream", types=["Deploy"])
        self.assertEqual(["model-test"], [n["name"] for n in down["nodes"]])

    def test_bad_direction_is_refused_before_any_call(self) -> None:
        with self.assertRaises(ValueError):
            self.model.lineage(direction="sideways")


class ListingTest(unittest.TestCase):
    def setUp(self) -> None:
        self.ws = metadata.Workspace(store=store(), name=unique("list"))
        self.run = metadata.Run(workspace=self.ws, name="run-1")
        execution = metadata.Execution(name="gen", workspace=self.ws, run=self.run)
        self.ids: list[int] = []
        for i in range(7):
            ds = execution.log_output(metadata.DataSet(
                uri=f"s3://bucket/part-{i}", name="part", version=str(i),
                labels={"parity": "even" if i % 2 == 0 else "odd"}))
            self.ids.append(ds.id)
        other = metadata.Execution(name="other", workspace=self.ws)
        other.log_output(metadata.Model(uri="s3://m", name="m"))

    def test_pages_follow_each_other_in_creation_order(self) -> None:
        pages = list(self.ws.list_artifacts("Dataset", page_size=3))
        self.assertEqual([3, 3, 1], [len(p) for p in pages])
        self.assertEqual([True, True, False], [p.has_next_page for p in pages])
        self.assertEqual(self.ids, [a["id"] for p in pages for a in p])

    def test_listing_resumes_after_a_cursor(self) -> None:
        first = next(self.ws.list_artifacts("Dataset", page_size=2))
        rest = [a["id"] for p in self.ws.list_artifacts("Dataset", page_size=2,
                                                         after=first.end_cursor) for a in p]
        self.assertEqual(self.ids[2:], rest)

    def test_filters(self) -> None:
        def ids(**criteria: Any) -> list[int]:
            return [a["id"] for p in self.ws.list_artifacts(**criteria) for a in p]

        self.assertEqual([self.ids[3]], ids(uri="s3://bucket/part-3"))
        self.assertEqual([self.ids[4]], ids(artifact_type_name="Dataset", version="4"))
        self.assertEqual(self.ids[0::2], ids(properties_contain={"labels": {"parity": "even"}}))
        self.assertEqual(self.ids[1::2], ids(labels={"parity": "odd"}))
        self.assertEqual(self.ids, ids(run=self.run))
        self.assertEqual(8, len(ids()))
        self.assertEqual([], ids(artifact_type_name="Metrics"))

    def test_listing_by_time(self) -> None:
        created = self.ws.client.get_artifact(self.ids[0])["createTime"]
        self.assertEqual(8, sum(len(p) for p in self.ws.list_artifacts(created_after="2000-01-01T00:00:00Z")))
        self.assertEqual([], [a for p in self.ws.list_artifacts(created_before="2000-01-01T00:00:00Z")
                              for a in p])
        self.assertTrue(created)

    def test_executions_and_contexts_are_listed(self) -> None:
        names = [e["name"] for p in self.ws.list_executions(page_size=1) for e in p]
        self.assertEqual(["gen", "other"], names)
        self.assertEqual(["gen"], [e["name"] for p in self.ws.list_executions(run=self.run)
                                   for e in p])
        contexts = [c for p in self.ws.list_contexts("Run") for c in p]
        self.assertEqual(["run-1"], [c["name"] for c in contexts])


class IdempotentRetryTest(unittest.TestCase):
    def test_lost_responses_are_retried_without_duplicates(self) -> None:
        transport = ResponseLosingTransport(lose=0)
        s = store(transport=transport, retry=RetryPolicy(max_attempts=4, initial_backoff=0.01))
        ws = metadata.Workspace(store=s, name=unique("retry"))
        run = metadata.Run(workspace=ws, name="run-1")
        transport.lose = 1
        execution = metadata.Execution(name="e", workspace=ws, run=run)
        transport.lose = 2
        ds = execution.log_input(metadata.DataSet(uri="s3://d", name="d"))
        transport.lose = 1
        model = execution.log_output(metadata.Model(uri="s3://m", name="m"))
        transport.lose = 1
        again = metadata.Run(workspace=ws, name="run-1")

        self.assertEqual(11, transport.write_attempts)
        self.assertEqual(run.id, again.id)
        self.assertEqual(1, len([e for p in ws.list_executions() for e in p]))
        self.assertEqual([ds.id], [a["id"] for a in ws.list("Dataset")])
        self.assertEqual([model.id], [a["id"] for a in ws.list("Model")])
        node = s.client.get_execution(execution.id)
        self.assertEqual(1, len([c for c in node["contexts"] if c["type"] == "Run"]))

    def test_explicit_external_ids_make_user_retries_idempotent(self) -> None:
        ws = metadata.Workspace(store=store(), name=unique("key"))
        key = "job-42-" + uuid.uuid4().hex
        first = metadata.Execution(name="e", workspace=ws, external_id=key)
        second = metadata.Execution(name="e", workspace=ws, external_id=key)
        self.assertEqual(first.id, second.id)
        ds = metadata.DataSet(uri="s3://d", name="d", external_id=key)
        first.log_input(ds)
        found = [a for p in ws.list_artifacts(external_id=key) for a in p]
        self.assertEqual([ds.id], [a["id"] for a in found])


class ErrorCodeTest(unittest.TestCase):
    def setUp(self) -> None:
        self.ws = metadata.Workspace(store=store(), name=unique("err"))

    def test_existing_workspace_without_reuse_is_already_exists(self) -> None:
        with self.assertRaises(AlreadyExistsError) as raised:
            metadata.Workspace(store=store(), name=self.ws.name, reuse_workspace_if_exists=False)
        self.assertEqual("ALREADY_EXISTS", raised.exception.code)
        self.assertIn(self.ws.name, raised.exception.message)

    def test_unknown_execution_type_is_not_found(self) -> None:
        with self.assertRaises(NotFoundError) as raised:
            metadata.Execution(name="e", workspace=self.ws, execution_type="NoSuchType")
        self.assertIn("NoSuchType", raised.exception.message)

    def test_schema_violation_is_invalid_argument_naming_the_field(self) -> None:
        execution = metadata.Execution(name="e", workspace=self.ws)
        with self.assertRaises(InvalidArgumentError) as raised:
            execution.log_output(metadata.Metrics(uri="u", name="n", metrics_type="sideways"))
        self.assertEqual("INVALID_ARGUMENT", raised.exception.code)
        self.assertIn("metrics_type", raised.exception.message)
        self.assertEqual(1, raised.exception.attempts)

    def test_missing_entities_are_not_found(self) -> None:
        with self.assertRaises(NotFoundError):
            self.ws.client.get_artifact(987654321)
        with self.assertRaises(NotFoundError):
            self.ws.client.get_workspace(unique("missing"))

    def test_unreachable_server_is_unavailable_after_retries(self) -> None:
        dead = metadata.Store(grpc_host="127.0.0.1", grpc_port=1, timeout=2.0,
                              retry=RetryPolicy(max_attempts=2, initial_backoff=0.01))
        with self.assertRaises(UnavailableError) as raised:
            metadata.Workspace(store=dead, name="w")
        self.assertEqual(2, raised.exception.attempts)


if __name__ == "__main__":
    unittest.main()
