"""Building GraphQL inputs and store URLs."""

import datetime
import json
import os
import ssl
import unittest
from unittest import mock

from mlmeta.client import (
    GraphQLClient,
    artifact_input,
    artifact_link,
    build_filter,
    context_input,
    context_link,
    execution_input,
    labels_from_output,
    labels_to_input,
    new_external_id,
    record_execution_input,
)
from mlmeta.metadata import Store

from .fakes import FakeTransport, ok

# A self-signed certificate shipped with the tests, so TLS set-up is tested on every machine.
_CA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "test-ca.pem")


class LabelsTest(unittest.TestCase):
    def test_round_trip(self) -> None:
        as_input = labels_to_input({"n1": "v1", "n2": "v2"})
        self.assertEqual([{"key": "n1", "value": "v1"}, {"key": "n2", "value": "v2"}], as_input)
        self.assertEqual({"n1": "v1", "n2": "v2"}, labels_from_output(as_input))

    def test_none_and_errors(self) -> None:
        self.assertIsNone(labels_to_input(None))
        self.assertEqual({}, labels_from_output(None))
        with self.assertRaises(ValueError):
            labels_to_input(["not", "a", "mapping"])  # type: ignore[arg-type]


class FilterTest(unittest.TestCase):
    def test_converts_criteria(self) -> None:
        criteria = build_filter(
            type="Model",
            name=None,
            labels={"team": "a"},
            properties_contain={"model_type": "cnn"},
            created_after=datetime.datetime(2026, 1, 2, 3, 4, 5),
            created_before="2026-02-01T00:00:00Z",
            context_id=12,
        )
        self.assertEqual({
            "type": "Model",
            "labels": [{"key": "team", "value": "a"}],
            "propertiesContain": '{"model_type":"cnn"}',
            "createdAfter": "2026-01-02T03:04:05Z",
            "createdBefore": "2026-02-01T00:00:00Z",
            "contextId": "12",
        }, criteria)

    def test_empty_is_none(self) -> None:
        self.assertIsNone(build_filter(name=None))

    def test_unknown_criterion_is_rejected(self) -> None:
        with self.assertRaises(TypeError):
            build_filter(colour="red")

    def test_aware_datetimes_are_converted_to_utc(self) -> None:
        tz = datetime.timezone(datetime.timedelta(hours=2))
        criteria = build_filter(created_after=datetime.datetime(2026, 1, 1, 12, 0, tzinfo=tz))
        self.assertEqual({"createdAfter": "2026-01-01T10:00:00Z"}, criteria)


class InputsTest(unittest.TestCase):
    def test_external_ids_are_fresh_uuids(self) -> None:
        first, second = new_external_id(), new_external_id()
        self.assertNotEqual(first, second)
        self.assertTrue(first.startswith("py-"))
        self.assertEqual(39, len(first))

    def test_artifact_input_carries_json_properties_and_a_key(self) -> None:
        value = artifact_input("Dataset", {"uri": "u", "name": "n"})
        self.assertEqual("Dataset", value["type"])
        self.assertEqual({"uri": "u", "name": "n"}, json.loads(value["properties"]))
        self.assertTrue(value["externalId"].startswith("py-"))
        self.assertEqual("k", artifact_input("Dataset", {}, external_id="k")["externalId"])

    def test_artifact_input_rejects_non_json(self) -> None:
        with self.assertRaises(ValueError):
            artifact_input("Dataset", {"uri": object()})
        with self.assertRaises(ValueError):
            artifact_input("Metrics", {"values": {"loss": float("nan")}})

    def test_links(self) -> None:
        self.assertEqual({"artifactId": "7"}, artifact_link(artifact_id=7))
        new = artifact_input("Model", {"uri": "u", "name": "n"}, external_id="k")
        self.assertEqual({"newArtifact": new, "reuseIfExists": True}, artifact_link(new_artifact=new))
        self.assertEqual({"contextId": "3"}, context_link(context_id=3))
        with self.assertRaises(ValueError):
            artifact_link()
        with self.assertRaises(ValueError):
            context_link(context_id=1, context={"type": "Run", "name": "r"})

    def test_context_and_execution_inputs(self) -> None:
        self.assertEqual(
            {"type": "Run", "name": "r", "externalId": "k", "description": "d",
             "labels": [{"key": "a", "value": "b"}], "properties": '{"x":1}'},
            context_input("Run", "r", "d", {"a": "b"}, {"x": 1}, external_id="k"))
        self.assertEqual(
            {"type": "Train", "name": "e", "externalId": "k", "state": "RUNNING"},
            execution_input("Train", "e", state="RUNNING", external_id="k"))

    def test_record_execution_input(self) -> None:
        link = artifact_link(artifact_id=1)
        self.assertEqual(
            {"workspace": "w", "executionId": "5", "inputs": [link],
             "contexts": [{"contextId": "2"}]},
            record_execution_input("w", execution_id=5, inputs=[link],
                                   contexts=[context_link(context_id=2)]))
        with self.assertRaises(ValueError):
            record_execution_input("w")

    def test_encode_request(self) -> None:
        body = GraphQLClient.encode_request("{ x }", {"a": [1]})
        self.assertEqual({"query": "{ x }", "variables": {"a": [1]}}, json.loads(body))


class StoreUrlTest(unittest.TestCase):
    def test_grpc_host_and_port_map_to_the_graphql_endpoint(self) -> None:
        self.assertEqual("http://localhost:8080/graphql",
                         Store(grpc_host="localhost", grpc_port=8080).url)

    def test_default_is_kubeflows_service(self) -> None:
        self.assertEqual("http://metadata-grpc-service.kubeflow:8080/graphql", Store().url)

    def test_tls_switches_to_https(self) -> None:
        self.assertEqual("https://h:443/graphql", Store("h", 443, use_tls=True).url)

    def test_ipv6_hosts_are_bracketed(self) -> None:
        self.assertEqual("http://[::1]:8080/graphql", Store("::1", 8080).url)

    def test_http_url(self) -> None:
        self.assertEqual("https://m.example.org/graphql",
                         Store(http_url="https://m.example.org").url)
        self.assertEqual("https://m.example.org/mlmeta/graphql",
                         Store(http_url="https://m.example.org/mlmeta/").url)
        self.assertEqual("http://m:1/graphql", Store(http_url="http://m:1/graphql").url)
        with self.assertRaises(ValueError):
            Store(http_url="ftp://m")


if __name__ == "__main__":
    unittest.main()


class StoreSecurityTest(unittest.TestCase):
    def test_token_defaults_to_the_environment(self) -> None:
        transport = FakeTransport([ok({})])
        with mock.patch.dict(os.environ, {"MLMETA_TOKEN": "from-env"}):
            store = Store("h", 1, transport=transport)
        store.client.execute("{ x }")
        self.assertEqual("Bearer from-env", transport.headers[0]["Authorization"])

    def test_explicit_token_wins(self) -> None:
        transport = FakeTransport([ok({})])
        with mock.patch.dict(os.environ, {"MLMETA_TOKEN": "from-env"}):
            store = Store("h", 1, token="explicit", transport=transport)
        store.client.execute("{ x }")
        self.assertEqual("Bearer explicit", transport.headers[0]["Authorization"])

    def test_ca_file_turns_tls_on(self) -> None:
        self.assertEqual("https://h:8443/graphql", Store("h", 8443, ca_file=_CA_FILE).url)
        with open(_CA_FILE, "rb") as handle:
            self.assertEqual("https://h:8443/graphql",
                             Store("h", 8443, root_certificates=handle.read()).url)

    def test_bad_ca_data_fails_early(self) -> None:
        with self.assertRaises(ssl.SSLError):
            Store("h", 8443, root_certificates=b"-----BEGIN CERTIFICATE-----\nnope\n")
