# Threat: changing another process's priority or scheduling (setpriority, sched_setscheduler,
# sched_setaffinity) to starve the grader or another learner. Expected: refused, `error`.
import os


def linear_forward(A, W, b):
    neighbour = os.getpid() + 1
    try:
        os.sched_setaffinity(neighbour, {0})
    except OSError:
        pass
    try:
        os.sched_setscheduler(1, os.SCHED_IDLE, os.sched_param(0))
    except OSError:
        pass
    os.setpriority(os.PRIO_PROCESS, 1, 19)
    return None
