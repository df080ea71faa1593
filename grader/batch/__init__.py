"""Grade a whole class: find the learners, grade them on workers, keep the results.

    paths ─► discover (one submission or a class?) ─► Learner ─► Job ──┐
                                                                        ▼
    gradebook ◄── record, one transaction each ◄── Outcome ◄── LocalPool | DaskPool
        │                                                  (workers, warm sandboxes)
        └─► export (CSV, JSON, Gradescope) · summary (text, HTML)

Modules: `discover` (single or batch, learner ids), `fingerprint` (content hashes, the settings a
result depends on), `job` (one learner's grading, run on a worker), `worker` and `pool` (the
local executor), `cluster` (the Dask one), `progress`, `run` (the loop that ties them), `export`,
`summary` and `summary_html`.
"""
