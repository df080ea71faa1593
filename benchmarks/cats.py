"""Train the week-4 application's references on the cat pictures, as the course does; print
the costs, the accuracies against the majority class, and the time.

    python benchmarks/cats.py [--iterations 2500] [--cats-from DIR] [--models two_layer,L_layer]

Without --cats-from (or $GRADE_CAT_DATA) the project's generated pictures are used. With the
course's own files, the course publishes: two-layer test accuracy 0.72, L-layer 0.8, and first
costs 0.693049735659989 and 0.7717493284237686.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

from grader.datasets import cats
from grader.references import References
from grader.courses.registry import get_week

MODELS: dict[str, tuple[str, Any]] = {
    "logistic": ("L_layer_model", "no hidden layer"),
    "two_layer": ("two_layer_model", (12288, 7, 1)),
    "L_layer": ("L_layer_model", [12288, 20, 7, 5, 1]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=2500)
    parser.add_argument("--cats-from", type=Path)
    parser.add_argument("--models", default="logistic,two_layer,L_layer")
    args = parser.parse_args()
    application = References().module("week4", get_week("week4").parts[1])
    train_x, train_y, test_x, test_y, _ = cats.load_dataset(args.cats_from)
    X = train_x.reshape(train_x.shape[0], -1).T / 255.0
    X_test = test_x.reshape(test_x.shape[0], -1).T / 255.0
    where = cats.data_folder(args.cats_from)
    print(f"data: {where}  (train {X.shape[1]}, test {X_test.shape[1]} pictures)")
    majority = int(np.mean(train_y) > 0.5)  # the class most training pictures have
    print(f"majority class ({'cat' if majority else 'non-cat'}) accuracy: train "
          f"{np.mean(train_y == majority):.3f}, test {np.mean(test_y == majority):.3f}")
    for name in args.models.split(","):
        function, dims = MODELS[name]
        dims = [X.shape[0], 1] if dims == "no hidden layer" else dims
        started = time.perf_counter()
        parameters, costs = getattr(application, function)(X, train_y, dims,
                                                           num_iterations=args.iterations)
        seconds = time.perf_counter() - started

        def accuracy(inputs: np.ndarray, labels: np.ndarray) -> float:
            return float(np.mean((application.L_model_forward(inputs, parameters)[0] > 0.5)
                                 == labels))

        print(f"{name} {dims}, {args.iterations} iterations, {seconds:.0f} s: first cost "
              f"{float(costs[0])!r}, last recorded {float(costs[-1]):.4f}; accuracy train "
              f"{accuracy(X, train_y):.3f}, test {accuracy(X_test, test_y):.3f}")


if __name__ == "__main__":
    main()
