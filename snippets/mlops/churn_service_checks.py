"""Train the churn model, package it as a versioned directory, and test the FastAPI service.

The tests are the ones a serving change should pass before it ships: a valid request is scored
with the model version stamped on the answer, bad input gets a 422 that names the field (not a
500), the service returns exactly what offline batch scoring returns for the same rows, and a
service whose environment does not match the model refuses to start.
"""

import importlib.util
import json
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
import skops.io as sio
from fastapi.testclient import TestClient
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OrdinalEncoder

from churn_case_study import CATEGORICAL_COLUMNS, generate, training_table
from guide_tools.paths import SNIPPETS

# The service is a real module next to this file; load it without touching sys.path.
spec = importlib.util.spec_from_file_location(
    "churn_service", SNIPPETS / "mlops" / "churn_service.py"
)
service = importlib.util.module_from_spec(spec)
spec.loader.exec_module(service)

# --8<-- [start:package]
table = training_table(generate(seed=0))
CATEGORICAL = list(CATEGORICAL_COLUMNS)
FEATURES = [c for c in table.columns if c not in ("customer_id", "snapshot_date", "churned")]
table[CATEGORICAL] = table[CATEGORICAL].astype(str)  # serving sends strings, so train on strings
train = table[table["snapshot_date"] < "2025-01-01"]  # labels known by 2025-01-01

# The artefact carries its own encoding, so serving cannot encode categories differently.
encode = ColumnTransformer(
    [
        (
            "cat",
            OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan),
            CATEGORICAL,
        )
    ],
    remainder="passthrough",
    verbose_feature_names_out=False,
).set_output(transform="pandas")
boost = HistGradientBoostingClassifier(
    max_iter=60, max_depth=3, categorical_features=CATEGORICAL, early_stopping=False, random_state=0
)
model = make_pipeline(encode, boost).fit(train[FEATURES], train["churned"])

workdir = tempfile.TemporaryDirectory()
model_dir = Path(workdir.name) / "lumen-churn" / "1"
model_dir.mkdir(parents=True)
sio.dump(model, model_dir / "model.skops")
metadata = {
    "name": "lumen-churn",
    "version": "1",
    "trained_on_snapshots": [
        str(train["snapshot_date"].min().date()),
        str(train["snapshot_date"].max().date()),
    ],
    "sklearn_version": sklearn.__version__,
    "features": FEATURES,
}
(model_dir / "metadata.json").write_text(json.dumps(metadata, indent=1))
# --8<-- [end:package]


# --8<-- [start:requests]
def as_json(rows: pd.DataFrame) -> list[dict]:
    """Rows as JSON objects; NaN (unknown) becomes null."""
    return json.loads(rows[FEATURES].to_json(orient="records"))


december = table[table["snapshot_date"] == "2025-12-01"].head(200)
good = as_json(december)
bad = {
    "negative tenure": [{**good[0], "tenure_days": -3}],
    "raw country": [{**good[0], "country": "UK"}],  # the raw table's spelling, never cleaned
    "extra field": [{**good[0], "customer_id": "c-123"}],
    "empty batch": [],
}

with TestClient(service.create_app(model_dir)) as client:  # runs start-up and shut-down
    ok = client.post("/v1/predict", json={"customers": good})
    print(ok.status_code, ok.headers["x-model-version"], ok.json()["churn_probability"][:3])
    # > 200 1 [0.017715, 0.011568, 0.01905]
    statuses = []
    for name, payload in bad.items():
        r = client.post("/v1/predict", json={"customers": payload})
        statuses.append(r.status_code)
        error = r.json()["detail"][0]
        field = ".".join(map(str, error["loc"][1:]))  # where: ("body", "customers", 0, ...)
        print(f"{name:<16}{r.status_code} {field:<25} {error['type']}")
        # > negative tenure 422 customers.0.tenure_days   greater_than_equal
        # > raw country     422 customers.0.country       literal_error
        # > extra field     422 customers.0.customer_id   extra_forbidden
        # > empty batch     422 customers                 too_short
    health = client.get("/health").json()
# --8<-- [end:requests]

# --8<-- [start:checks]
offline = model.predict_proba(december[FEATURES])[:, 1]  # the batch path, same rows
served = np.array(ok.json()["churn_probability"])
print(f"largest served-vs-offline difference: {np.abs(served - offline).max():.1e}")
# > largest served-vs-offline difference: 5.0e-07
assert ok.status_code == 200 and ok.json()["model_version"] == "1" == health["model_version"]
assert statuses == [422] * len(bad), "bad input is a client error, not a crash"
assert np.abs(served - offline).max() <= 1e-6, "serving must match batch scoring (only rounding)"

stale = {**metadata, "sklearn_version": "1.5.0"}  # an environment the model was not built for
(model_dir / "metadata.json").write_text(json.dumps(stale))
try:
    with TestClient(service.create_app(model_dir)):
        raise AssertionError("a mismatched environment must not start")
except RuntimeError as error:
    print("start-up refused:", error)
    # > start-up refused: model needs scikit-learn 1.5.0
workdir.cleanup()
# --8<-- [end:checks]
