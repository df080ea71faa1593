"""The older release's name of `dnn_utils`: the same activations and backward steps."""

from dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward

__all__ = ["relu", "relu_backward", "sigmoid", "sigmoid_backward"]
