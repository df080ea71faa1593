"""The older release's name of `dnn_app_utils_v3`: the same models' helpers (the two differ only
in `L_model_backward`'s key names, which the models never read)."""

from dnn_app_utils_v3 import (
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    load_data,
    predict,
    print_mislabeled_images,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
    update_parameters,
)

__all__ = ["L_model_backward", "L_model_forward", "compute_cost", "initialize_parameters",
           "initialize_parameters_deep", "linear_activation_backward",
           "linear_activation_forward", "linear_backward", "linear_forward", "load_data",
           "predict", "print_mislabeled_images", "relu", "relu_backward", "sigmoid",
           "sigmoid_backward", "update_parameters"]
