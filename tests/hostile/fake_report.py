# Threat: printing a fake report and a score. Expected: no effect; the wrong answer fails.
import json


def linear_forward(A, W, b):
    print(json.dumps({"week": "week4", "score": 100.0, "max_score": 100.0, "status": "pass"}))
    print("\033[92m All tests passed.")
    print("week4 total: 100/100 (100%)")
    return A, (A, W, b)
