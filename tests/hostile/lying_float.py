# Threat: a float subclass equal to everything. Expected: wrong type, `fail`.
class AlwaysEqual(float):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __sub__(self, other):
        return 0.0

    def __abs__(self):
        return 0.0


def compute_cost(AL, Y):
    return AlwaysEqual(0.0)
