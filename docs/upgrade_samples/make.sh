#!/bin/sh
# The three forms of `python -m compat upgrade` on the Python 2 fixtures; outputs committed here.
#     sh docs/upgrade_samples/make.sh      (from the repository root)
set -e
OUT=docs/upgrade_samples
export TF_ENABLE_ONEDNN_OPTS=0 TF_CPP_MIN_LOG_LEVEL=3
PY=${PYTHON:-.venv/bin/python}
# 1. a file
$PY -m compat upgrade tests/fixtures/py2/examples/mnist_mlp.py -o $OUT/mnist_mlp.py \
    --report $OUT/mnist_mlp.report.txt
# 2. a notebook
$PY -m compat upgrade tests/fixtures/py2/notebooks/caption_training.ipynb \
    -o $OUT/caption_training.ipynb --report $OUT/caption_training.report.txt
# 3. a whole repository
rm -rf $OUT/repo
$PY -m compat upgrade tests/fixtures/py2/repo -o $OUT/repo --report $OUT/repo.report.txt
