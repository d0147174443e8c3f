"""Artifact classes: constructor checks, constants, serialisation and listing dicts."""

import json
import unittest

from mlmeta import metadata
from mlmeta.metadata import DataSet, Metrics, Model, artifact_to_dict


def example_model(**extra: object) -> Model:
    return Model(name="MNIST", description="model to recognize handwritten digits",
                 owner="someone@kubeflow.org", uri="gcs://my-bucket/mnist",
                 model_type="neural network",
                 training_framework={"name": "tensorflow", "version": "v1.0"},
                 hyperparameters={"learning_rate": 0.5, "layers": [10, 3, 1],
                                  "early_stop": True},
                 version="model_version_1", labels={"mylabel": "l1"}, **extra)


class ConstantsTest(unittest.TestCase):
    def test_type_names_are_the_built_in_types(self) -> None:
        self.assertEqual("Dataset", DataSet.ARTIFACT_TYPE_NAME)
        self.assertEqual("Model", Model.ARTIFACT_TYPE_NAME)
        self.assertEqual("Metrics", Metrics.ARTIFACT_TYPE_NAME)
        self.assertEqual("Execution", metadata.Execution.EXECUTION_TYPE_NAME)
        self.assertEqual("Run", metadata.Run.CONTEXT_TYPE_NAME)

    def test_metrics_types(self) -> None:
        self.assertEqual(("training", "validation", "testing", "production"),
                         (Metrics.TRAINING, Metrics.VALIDATION, Metrics.TESTING,
                          Metrics.PRODUCTION))


class ConstructorTest(unittest.TestCase):
    def test_uri_and_name_are_required_strings(self) -> None:
        for cls in (DataSet, Model, Metrics):
            with self.subTest(cls=cls.__name__):
                with self.assertRaises(ValueError):
                    cls(name="n")
                with self.assertRaises(ValueError):
                    cls(uri="u")
                with self.assertRaises(ValueError):
                    cls(uri="u", name=3)  # type: ignore[arg-type]

    def test_new_artifact_has_no_id_but_a_create_time_and_key(self) -> None:
        ds = DataSet(uri="u", name="n")
        self.assertIsNone(ds.id)
        self.assertTrue(ds.create_time.endswith("Z"))
        self.assertTrue(ds.external_id.startswith("py-"))

    def test_positional_arguments_follow_kubeflow(self) -> None:
        ds = DataSet("u", "n", "ws", "d", "o", "v1", "SELECT 1", {"a": "b"})
        self.assertEqual(("u", "n", "ws", "d", "o", "v1", "SELECT 1", {"a": "b"}),
                         (ds.uri, ds.name, ds.workspace, ds.description, ds.owner,
                          ds.version, ds.query, ds.labels))
        metrics = Metrics("u", "n", None, "d", "o", "1", "2", Metrics.TESTING, {"acc": 1.0})
        self.assertEqual(("1", "2", "testing", {"acc": 1.0}),
                         (metrics.data_set_id, metrics.model_id, metrics.metrics_type,
                          metrics.values))

    def test_private_extra_properties_are_rejected(self) -> None:
        with self.assertRaises(ValueError):
            DataSet(uri="u", name="n", _secret=1)


class SerialisationTest(unittest.TestCase):
    def test_model_properties_keep_nested_objects_and_drop_none(self) -> None:
        properties = example_model().serialization()
        self.assertEqual({
            "uri": "gcs://my-bucket/mnist",
            "name": "MNIST",
            "description": "model to recognize handwritten digits",
            "owner": "someone@kubeflow.org",
            "version": "model_version_1",
            "model_type": "neural network",
            "training_framework": {"name": "tensorflow", "version": "v1.0"},
            "hyperparameters": {"learning_rate": 0.5, "layers": [10, 3, 1], "early_stop": True},
            "labels": {"mylabel": "l1"},
        }, properties)
        self.assertEqual(list(Model.FIELDS), list(properties))

    def test_reserved_attributes_are_not_properties(self) -> None:
        model = example_model()
        model.id = 4
        model.workspace = "ws"
        properties = model.serialization()
        for key in ("id", "workspace", "create_time", "external_id"):
            self.assertNotIn(key, properties)

    def test_extra_keyword_arguments_become_properties(self) -> None:
        ds = DataSet(uri="u", name="n", row_count=10, external_id="py-fixed")
        self.assertEqual({"uri": "u", "name": "n", "row_count": 10}, ds.serialization())
        self.assertEqual("py-fixed", ds.external_id)

    def test_metrics_properties(self) -> None:
        metrics = Metrics(uri="u", name="n", data_set_id=1, model_id="2",
                          metrics_type=Metrics.VALIDATION, values={"accuracy": 0.95})
        self.assertEqual({"uri": "u", "name": "n", "data_set_id": 1, "model_id": "2",
                          "metrics_type": "validation", "values": {"accuracy": 0.95}},
                         metrics.serialization())

    def test_non_json_values_name_the_field(self) -> None:
        with self.assertRaises(ValueError) as raised:
            Model(uri="u", name="n", hyperparameters={"f": object()}).serialization()
        self.assertIn("hyperparameters", str(raised.exception))


class ListingDictTest(unittest.TestCase):
    def node(self, properties: dict, contexts: list) -> dict:
        return {"id": "5", "type": "Model", "state": "LIVE", "workspace": "ws1",
                "createTime": "2026-01-01T00:00:00Z", "properties": json.dumps(properties),
                "contexts": contexts, "uri": properties.get("uri"), "name": properties.get("name")}

    def test_every_field_with_nested_objects(self) -> None:
        properties = example_model().serialization()
        flat = artifact_to_dict(self.node(properties, [{"id": "2", "type": "Run", "name": "run-1"}]))
        self.assertEqual(5, flat["id"])
        self.assertEqual("ws1", flat["workspace"])
        self.assertEqual("run-1", flat["run"])
        self.assertEqual("2026-01-01T00:00:00Z", flat["create_time"])
        self.assertEqual({"name": "tensorflow", "version": "v1.0"}, flat["training_framework"])
        self.assertEqual([10, 3, 1], flat["hyperparameters"]["layers"])
        self.assertEqual({"mylabel": "l1"}, flat["labels"])
        self.assertEqual("model_version_1", flat["version"])

    def test_unset_fields_of_known_types_are_none(self) -> None:
        flat = artifact_to_dict(self.node({"uri": "u", "name": "n"}, []))
        self.assertNotIn("run", flat)
        self.assertIsNone(flat["hyperparameters"])
        self.assertIsNone(flat["labels"])
        self.assertIsNone(flat["owner"])


if __name__ == "__main__":
    unittest.main()
