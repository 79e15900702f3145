"""Track two candidate churn models with MLflow, register the better one, load it back by version.

Everything lives in a temporary directory: a SQLite tracking and registry store (MLflow 3.17
refuses the plain file store unless MLFLOW_ALLOW_FILE_STORE=true) and an artifact folder. MLflow
makes no network request: telemetry is switched off before `import mlflow`, and the environment
and tracking URI are restored at the end.
"""

import hashlib
import os
import tempfile
import threading
import warnings

# --8<-- [start:setup]
saved_environment = dict(os.environ)
os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"  # read at import time: set it first
os.environ["DO_NOT_TRACK"] = "true"

import mlflow
import mlflow.data
import mlflow.sklearn
import numpy as np
import pandas as pd
import sklearn
from mlflow import MlflowClient
from mlflow.models import infer_signature
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OrdinalEncoder

from churn_case_study import CATEGORICAL_COLUMNS, generate, training_table

assert mlflow.telemetry.get_telemetry_client() is None, "telemetry must be off"
threads_before = threading.active_count()
workdir = tempfile.TemporaryDirectory()
mlflow.set_tracking_uri(f"sqlite:///{workdir.name}/mlflow.db")  # tracking and registry
experiment_id = mlflow.create_experiment(
    "lumen-churn", artifact_location=f"{workdir.name}/artifacts"
)
# --8<-- [end:setup]

# --8<-- [start:data]
table = training_table(generate(seed=0))
CATEGORICAL = list(CATEGORICAL_COLUMNS)
table[CATEGORICAL] = table[CATEGORICAL].astype(str)
X = table.drop(columns=["customer_id", "snapshot_date", "churned"])
X = X.astype({c: "float64" for c in X.select_dtypes("int64").columns})  # ints cannot be NaN
y = table["churned"].to_numpy()
train = (table["snapshot_date"] < "2024-12-01").to_numpy()
valid = (table["snapshot_date"] == "2024-12-01").to_numpy()  # labels complete by 2024-12-31


def content_hash(frame):
    """A fingerprint of every row and column."""
    return hashlib.sha256(pd.util.hash_pandas_object(frame).to_numpy().tobytes()).hexdigest()[:12]


def make_model(max_depth, learning_rate):
    unseen_as_missing = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan)
    encode = ColumnTransformer(
        [("categories", unseen_as_missing, CATEGORICAL)],
        remainder="passthrough",
        verbose_feature_names_out=False,
    ).set_output(transform="pandas")
    boost = HistGradientBoostingClassifier(
        max_iter=60,
        max_depth=max_depth,
        learning_rate=learning_rate,
        categorical_features=CATEGORICAL,
        early_stopping=False,
        random_state=0,
    )
    return make_pipeline(encode, boost)


# --8<-- [end:data]


# --8<-- [start:track]
source = X.assign(churned=y, snapshot_date=table["snapshot_date"])  # the rows it draws from
dataset = mlflow.data.from_pandas(source, name="lumen-training-table", targets="churned")
models = {}
for max_depth, learning_rate in [(3, 0.1), (8, 0.3)]:
    with mlflow.start_run(experiment_id=experiment_id) as run:
        model = make_model(max_depth, learning_rate).fit(X[train], y[train])
        p = model.predict_proba(X[valid])[:, 1]
        mlflow.log_params({"max_depth": max_depth, "learning_rate": learning_rate})
        mlflow.log_metrics(
            {"val_log_loss": log_loss(y[valid], p), "val_auc": roc_auc_score(y[valid], p)}
        )
        with warnings.catch_warnings():  # its schema hint about the integer label
            warnings.filterwarnings("ignore", "Hint: Inferred schema contains integer")
            mlflow.log_input(dataset, context="training")  # MLflow's own dataset record
        mlflow.set_tags(
            {
                "data_sha256": content_hash(source),  # which rows, all of them
                "train_snapshots": "2024-03-01/2024-11-01",
                "valid_snapshot": "2024-12-01",
                "sklearn_version": sklearn.__version__,  # which environment
            }
        )
        models[run.info.run_id] = model

columns = ["params.max_depth", "params.learning_rate", "metrics.val_log_loss", "metrics.val_auc"]
runs = mlflow.search_runs([experiment_id], order_by=["metrics.val_log_loss ASC"])
print(runs[columns].to_string(index=False, float_format=lambda v: f"{v:.4f}"))
# > params.max_depth params.learning_rate  metrics.val_log_loss  metrics.val_auc
# >                3                  0.1                0.1682           0.7996
# >                8                  0.3                0.2257           0.7023
# --8<-- [end:track]

# --8<-- [start:register]
best_run = runs["run_id"].iloc[0]
best = models[best_run]
example = X[valid].head(50)
with mlflow.start_run(run_id=best_run):  # attach the model to the run that produced it
    info = mlflow.sklearn.log_model(
        best,
        name="model",
        signature=infer_signature(example, best.predict_proba(example)),
        input_example=example.head(2),
        pip_requirements=[f"scikit-learn=={sklearn.__version__}"],  # pinned: no slow inference
        skops_trusted_types=[  # skops, MLflow's default, loads only trusted types
            "functools.partial",
            "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
            "sklearn.utils.validation.check_array",
        ],
        pyfunc_predict_fn="predict_proba",
    )
version = mlflow.register_model(info.model_uri, "lumen-churn")
client = MlflowClient()
client.set_registered_model_alias("lumen-churn", "champion", version.version)
print(f"registered lumen-churn version {version.version}, alias champion -> {version.version}")
# > registered lumen-churn version 1, alias champion -> 1
# --8<-- [end:register]

# --8<-- [start:load]
by_version = mlflow.sklearn.load_model("models:/lumen-churn/1")  # pinned, reproducible
by_alias = mlflow.pyfunc.load_model("models:/lumen-churn@champion")  # what serving resolves
expected = best.predict_proba(X[valid])
same = np.array_equal(by_version.predict_proba(X[valid]), expected) and np.array_equal(
    by_alias.predict(X[valid]), expected
)
lineage = client.get_run(client.get_model_version("lumen-churn", "1").run_id)
tags = lineage.data.tags
print(
    f"reloaded predictions identical: {same}; lineage: run {lineage.info.run_id == best_run}, "
    f"data {tags['data_sha256']}, scikit-learn {tags['sklearn_version']}"
)
# > reloaded predictions identical: True; lineage: run True, data 1a12709f3ef5, scikit-learn 1.9.1
assert same, "the registered model must predict exactly what was trained"
assert lineage.info.run_id == best_run and runs["params.max_depth"].iloc[0] == "3"
# --8<-- [end:load]

# --8<-- [start:digest]
edited = source.copy()
edited.loc[20_000, "minutes_30d"] += 60  # one row past the first 10,000
mlflow_digest = mlflow.data.from_pandas(edited, targets="churned").digest
print(
    f"MLflow digest: {dataset.digest} -> {mlflow_digest}; "
    f"content hash: {content_hash(source)} -> {content_hash(edited)}"
)
# > MLflow digest: 1c46da54 -> 1c46da54; content hash: 1a12709f3ef5 -> fea48b85f605
assert mlflow_digest == dataset.digest and content_hash(edited) != content_hash(source)
# --8<-- [end:digest]

mlflow.set_tracking_uri(None)  # also unsets MLFLOW_TRACKING_URI, which it had set
os.environ.clear()
os.environ.update(saved_environment)
workdir.cleanup()
assert threading.active_count() == threads_before, "MLflow must leave no thread running"
