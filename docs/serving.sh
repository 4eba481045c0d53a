#!/bin/bash
# README "Serving an old model": bash docs/serving.sh > docs/serving.txt (from the repository root).
# A Keras 1 GRU text model (Theano-saved fixture) to ONNX, LiteRT and a SavedModel, each verified in its
# own runtime; then verify on a port with a known fault (upgraded code given Keras 3's hard_sigmoid).
export TF_ENABLE_ONEDNN_OPTS=0 TF_CPP_MIN_LOG_LEVEL=3 PYTHONWARNINGS=ignore
PYTHON=${PYTHON:-python}
M=tests/fixtures/keras1/gru_masked
L=tests/fixtures/keras1/lstm_timedistributed
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# TensorFlow's and XNNPACK's start-up lines are not part of the tools' output
run() {
    echo "\$ $*" | sed "s#$OUT#out#g; s#^\$ $PYTHON #\$ python #"
    "$@" 2>&1 | grep -v -e '^WARNING: All log messages' -e '^I0000' -e '^W0000' -e 'XNNPACK delegate' | sed "s#$OUT#out#g"
    echo "(exit ${PIPESTATUS[0]})"
    echo
}
run $PYTHON -m compat convert $M/model.json $M/weights.h5 -o $OUT/model.onnx
run $PYTHON -m compat convert $M/model.json $M/weights.h5 -o $OUT/model.tflite --report
run $PYTHON -m compat convert $M/model.json $M/weights.h5 -o $OUT/saved_model
run $PYTHON -m compat verify $M/model.json $M/weights.h5 --against $OUT/model.tflite --inputs $M/io.npz
$PYTHON -m compat upgrade $L/case.py -o $OUT/new.py > /dev/null 2>&1
sed -i "s/recurrent_activation=keras1_hard_sigmoid/recurrent_activation='hard_sigmoid'/" $OUT/new.py
run $PYTHON -m compat verify $L/model.json $L/weights.h5 --against $OUT/new.py:build --inputs $L/io.npz --plot docs/serving_verify.png
