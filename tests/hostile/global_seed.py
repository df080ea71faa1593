# Threat: changing global state to influence later checks: reseeding numpy and patching its
# random generator. Expected: this function fails; every other function is unaffected.
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(999)
    np.random.randn = lambda *shape: np.zeros(shape)
    return {}
