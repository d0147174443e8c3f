"""The distributed-training scenario written by Python training code through the mlmeta bridge.

Run with MLMETA_URL (http://host:port) and a workspace name as the only argument; prints the ids
it recorded as one JSON object so the caller can read them back with other clients.
"""
import json
import os
import sys
from urllib.parse import urlparse

from mlmeta import metadata


def main() -> None:
    url = urlparse(os.environ["MLMETA_URL"])
    store = metadata.Store(grpc_host=url.hostname, grpc_port=url.port)
    ws = metadata.Workspace(store=store, name=sys.argv[1], description="python training",
                            labels={"team": "vision"})
    run = metadata.Run(workspace=ws, name="mnist-python-run", description="TFJob launched from Python")
    execution = metadata.Execution(name="mnist_training", workspace=ws, run=run,
                                   description="mnist_training with 2 workers")
    data = execution.log_input(metadata.DataSet(
        name="mnist", uri="gs://kubeflow-examples/mnist", version="v1",
        owner="data-team@example.org", description="handwritten digits"))
    model = execution.log_output(metadata.Model(
        name="mnist", uri="gs://models/mnist-python/1", version="1",
        owner="ml-team@example.org", model_type="neural network",
        training_framework={"name": "tensorflow", "version": "2.15"},
        hyperparameters={"learning_rate": 0.04, "batch_size": 256, "workers": 2}))
    metrics = execution.log_output(metadata.Metrics(
        name="mnist-python-metrics", uri="gs://models/mnist-python/1/metrics.json",
        data_set_id=str(data.id), model_id=str(model.id),
        metrics_type=metadata.Metrics.TRAINING, values={"accuracy": 0.981, "loss": 0.062}))
    print(json.dumps({"dataset": data.id, "model": model.id, "metrics": metrics.id}))


if __name__ == "__main__":
    main()
