"""The Lumen churn-scoring service: a FastAPI app that serves one versioned model.

A model directory holds `model.skops` (a fitted scikit-learn pipeline, saved with skops, which
refuses to load types you have not trusted) and `metadata.json` (name, version, training window,
scikit-learn version, feature list). `create_app(model_dir)` returns an app that loads both once
at start-up, validates every request with pydantic, and stamps each answer with the model
version. `churn_service_checks.py` trains a model and exercises the app with TestClient; run this
file to print the contract the service publishes (its OpenAPI schema).
"""

import json
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import sklearn
from fastapi import FastAPI, Response
from pydantic import BaseModel, ConfigDict, Field

# --8<-- [start:schema]
Plan = Literal["basic", "standard", "premium"]
Country = Literal["US", "GB", "DE", "IN", "CA", "BR", "FR"]
Channel = Literal["organic", "paid_search", "social", "referral", "partner"]
Device = Literal["ios", "android", "web"]


class Customer(BaseModel):
    """One customer's features, exactly the columns the model was trained on."""

    model_config = ConfigDict(extra="forbid")  # an unknown field is an error, not ignored

    tenure_days: int = Field(ge=0)
    plan: Plan
    monthly_price: float = Field(gt=0, le=100)
    discount_active: bool
    is_returning: bool
    country: Country
    acquisition_channel: Channel
    device: Device
    age: float | None = Field(default=None, ge=13, le=110)  # None: unknown, as in training
    events_30d: int = Field(ge=0)
    minutes_30d: float = Field(ge=0)
    minutes_prev_30d: float = Field(ge=0)
    minutes_trend: float
    days_since_last_event: float | None = Field(default=None, ge=0)
    failed_payments_90d: int = Field(ge=0)
    tickets_90d: int = Field(ge=0)
    open_tickets: int = Field(ge=0)
    last_ticket_satisfaction: float | None = Field(default=None, ge=1, le=5)


class PredictRequest(BaseModel):
    customers: list[Customer] = Field(min_length=1, max_length=500)  # bounds the latency


class PredictResponse(BaseModel):
    model_name: str
    model_version: str
    churn_probability: list[float]


# --8<-- [end:schema]


# --8<-- [start:app]
# skops refuses types outside its safe defaults unless named; this pipeline needs these.
TRUSTED_TYPES = [
    "functools.partial",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn.utils.validation.check_array",
]


def create_app(model_dir: Path) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        import skops.io as sio  # a slow import: pay it when a model is loaded, not on import

        meta = json.loads((model_dir / "metadata.json").read_text())
        if meta["sklearn_version"] != sklearn.__version__:  # fail at start-up, not per request
            raise RuntimeError(f"model needs scikit-learn {meta['sklearn_version']}")
        app.state.meta = meta
        app.state.model = sio.load(model_dir / "model.skops", trusted=TRUSTED_TYPES)
        yield

    app = FastAPI(title="Lumen churn scoring", lifespan=lifespan)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "model_version": app.state.meta["version"]}

    @app.post("/v1/predict")
    def predict(request: PredictRequest, response: Response) -> PredictResponse:
        meta = app.state.meta
        rows = pd.DataFrame([c.model_dump() for c in request.customers], columns=meta["features"])
        nullable = ("age", "days_since_last_event", "last_ticket_satisfaction")
        rows = rows.astype(dict.fromkeys(nullable, float))  # None -> NaN, as in training
        proba = app.state.model.predict_proba(rows)[:, 1]
        response.headers["X-Model-Version"] = meta["version"]
        return PredictResponse(
            model_name=meta["name"],
            model_version=meta["version"],
            churn_probability=np.round(proba, 6).tolist(),
        )

    return app


# --8<-- [end:app]


if __name__ == "__main__":
    # --8<-- [start:contract]
    schema = create_app(Path("unused")).openapi()  # lifespan has not run: no model needed
    customer = schema["components"]["schemas"]["Customer"]
    print(f"{len(customer['properties'])} fields, required: {len(customer['required'])}")
    # > 18 fields, required: 15
    print("plan must be one of", customer["properties"]["plan"]["enum"])
    # > plan must be one of ['basic', 'standard', 'premium']
    print("tenure_days:", customer["properties"]["tenure_days"])
    # > tenure_days: {'type': 'integer', 'minimum': 0.0, 'title': 'Tenure Days'}
    assert customer["additionalProperties"] is False, "extra fields must be rejected"
    assert "age" not in customer["required"], "age may be missing, as in the training data"
    # --8<-- [end:contract]
