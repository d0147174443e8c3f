"""Records a Katib-like tuning experiment in mlmeta, then asks for the best trial.

    ./mlmeta server                       # in one terminal
    PYTHONPATH=sdk-python-bridge/src python3 sdk-python-bridge/examples/katib_tuning.py

Experiment ``tfjob-example`` maximises ``accuracy_1`` (goal 0.99) with bayesian optimisation over
learning_rate in [0.01, 0.05] and batch_size in [100, 200]; twelve Tune trials, two of which fail.
Each successful trial writes a Model and Metrics. The best trial is found by one GraphQL query that
orders the experiment's metrics by ``values.accuracy_1`` on the server.
"""
import json
import math
import os
import sys

from mlmeta import metadata

RECORD = """
mutation($in: RecordExecutionInput!) {
  recordExecution(input: $in) { execution { id name state } outputs { id type } lineagePosition }
}"""

BEST_TRIAL = """
query($ws: String!, $experiment: ID!) {
  artifacts(workspace: $ws, filter: {type: "Metrics", contextId: $experiment},
            orderBy: {path: "values.accuracy_1", descending: true}, first: 1) {
    nodes { name properties producers { name properties } }
  }
}"""


def main() -> None:
    url = os.environ.get("MLMETA_URL", "http://localhost:8080")
    host, port = url.split("//", 1)[1].split(":")
    store = metadata.Store(grpc_host=host, grpc_port=int(port))
    ws = metadata.Workspace(store=store, name=sys.argv[1] if len(sys.argv) > 1 else "katib-demo",
                            description="hyperparameter tuning demo")
    client = store.client
    experiment = client.execute(
        """mutation($ws: String!, $c: ContextInput!) {
             createContext(workspace: $ws, context: $c, reuseIfExists: true) { id } }""",
        {"ws": ws.name, "c": {"type": "Experiment", "name": "tfjob-example", "properties": json.dumps({
            "objective": {"type": "maximize", "goal": 0.99, "metric_name": "accuracy_1"},
            "algorithm": "bayesianoptimization", "max_trial_count": 12,
            "parallel_trial_count": 3, "max_failed_trial_count": 3,
            "search_space": {"learning_rate": {"min": 0.01, "max": 0.05},
                             "batch_size": {"min": 100, "max": 200}}})}},
    )["createContext"]["id"]

    for i in range(12):
        name = f"tfjob-example-trial-{i}"
        params = {"learning_rate": round(0.01 + 0.04 * ((i * 7) % 12) / 11, 4),
                  "batch_size": 100 + (i * 37) % 101}
        fails = i in (4, 9)
        record = {
            "workspace": ws.name,
            "execution": {"type": "Tune", "name": name, "externalId": f"katib/{name}",
                          "state": "FAILED" if fails else "COMPLETE",
                          "errorMessage": "OOMKilled" if fails else None,
                          "properties": json.dumps({"trial_name": name, "parameters": params})},
            "inputs": [{"newArtifact": {"type": "Dataset", "properties": json.dumps(
                {"uri": "gs://kubeflow-examples/mnist", "name": "mnist", "version": "v1"})},
                "reuseIfExists": True}],
            "outputs": [] if fails else [{"newArtifact": {"type": "Model", "properties": json.dumps(
                {"uri": f"gs://katib/{name}/model", "name": "mnist", "version": f"trial-{i}",
                 "hyperparameters": params})}}],
            "contexts": [{"contextId": experiment},
                         {"context": {"type": "Run", "name": name, "parentContextIds": [experiment]}}],
        }
        trial = client.execute(RECORD, {"in": record})["recordExecution"]
        if not fails:
            accuracy = round(0.90 + 0.085 * math.sin(i * 1.3 + 0.5) ** 2, 4)
            client.execute(RECORD, {"in": {
                "workspace": ws.name, "executionId": trial["execution"]["id"],
                # An external id makes a re-run of this script find the metrics instead of adding more.
                "outputs": [{"newArtifact": {"type": "Metrics", "externalId": f"katib/{name}/metrics",
                                             "properties": json.dumps({
                    "uri": f"gs://katib/{name}/metrics", "name": f"{name}-metrics",
                    "model_id": int(trial["outputs"][0]["id"]), "metrics_type": "validation",
                    "values": {"accuracy_1": accuracy}})}}],
                "contexts": [{"contextId": experiment}]}})
        print(f"{name}: {trial['execution']['state']}")

    best = client.execute(BEST_TRIAL, {"ws": ws.name, "experiment": experiment})
    node = best["artifacts"]["nodes"][0]
    print("best trial:", node["producers"][0]["name"],
          "accuracy_1 =", json.loads(node["properties"])["values"]["accuracy_1"],
          "parameters =", json.loads(node["producers"][0]["properties"])["parameters"])


if __name__ == "__main__":
    main()
