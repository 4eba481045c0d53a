"""Merge and merge() as in keras 1.2.2 engine/topology.py: masks, function modes in configs, and Sequential models
whose first layer is a Merge of Sequentials (keras 1.2.2 models.py Sequential.add).
"""
import numpy as np

from compat.keras.layers import Activation, Dense, Embedding, Flatten, Input, Masking, Merge, merge
from compat.keras.models import Model, Sequential


def _encoder(name):
    enc = Sequential(name=name)
    enc.add(Embedding(10, 4, input_length=3))
    return enc


def test_branch_merged_twice_is_one_input():
    # keras 1.2.2 examples/babi_memnn.py: the question encoder feeds two Merges; Keras 1 took its
    # inputs from get_source_inputs (each input once), so fit gets three arrays, not four
    story_m, question, story_c = _encoder('story_m'), _encoder('question'), _encoder('story_c')
    match = Sequential()
    match.add(Merge([story_m, question], mode='dot', dot_axes=[2, 2]))
    response = Sequential()
    response.add(Merge([match, story_c], mode='concat', concat_axis=-1))
    answer = Sequential()
    answer.add(Merge([response, question], mode='concat', concat_axis=-1))
    answer.add(Flatten())
    answer.add(Dense(2))
    answer.add(Activation('softmax'))
    assert len(answer.inputs) == 3
    answer.compile('sgd', 'categorical_crossentropy')
    x = np.random.RandomState(0).randint(0, 10, (6, 3))
    y = np.eye(2)[[0, 1, 0, 1, 0, 1]]
    answer.fit([x, x, x], y, nb_epoch=1, batch_size=3, verbose=0)
    assert answer.predict([x, x, x]).shape == (6, 2)


def test_merge_of_one_branch_twice_survives_json():
    # keras 1.2.2 tests/keras/test_sequential_model.py test_merge_overlap: Merge([left, left]);
    # Keras 1 rebuilt two unshared copies with the same layer names, which one Keras 3 graph
    # cannot hold: compat rebuilds the saved model (one shared branch)
    from compat.keras.models import model_from_json
    left = Sequential()
    left.add(Dense(4, input_shape=(3,)))
    left.add(Activation('relu'))
    model = Sequential()
    model.add(Merge([left, left], mode='sum'))
    model.add(Dense(2))
    model.compile('sgd', 'mse')
    again = model_from_json(model.to_json())
    assert again.count_params() == model.count_params() == 3 * 4 + 4 + 4 * 2 + 2
    again.set_weights(model.get_weights())
    x = np.random.RandomState(0).rand(5, 3).astype('float32')
    np.testing.assert_allclose(again.predict(x), model.predict(x), rtol=1e-6)
    # the sum of one branch with itself: twice relu(x W + b), then the Dense
    w, b, w2, b2 = model.get_weights()
    np.testing.assert_allclose(model.predict(x), 2 * np.maximum(x @ w + b, 0) @ w2 + b2, rtol=1e-5)


# -- masks: keras 1.2.2 engine/topology.py Merge.compute_mask ----------------------------------------------
def test_merge_concat_mask_joins_steps_where_every_part_is_kept():
    layer = Merge(mode='concat', concat_axis=-1)
    x = np.ones((2, 3, 4), 'float32')
    mask_a = np.array([[1, 1, 0], [1, 0, 0]], bool)
    # an unmasked input counts as all kept, so the result is the masked input's mask
    got = layer.compute_mask([x, x], [mask_a, None])
    np.testing.assert_array_equal(np.asarray(got), mask_a)
    mask_b = np.array([[0, 1, 1], [1, 1, 1]], bool)
    np.testing.assert_array_equal(np.asarray(layer.compute_mask([x, x], [mask_a, mask_b])), mask_a & mask_b)


def test_merge_masks_in_a_functional_model_and_dot_has_none():
    a, b = Input(shape=(3,)), Input(shape=(3,))
    concat = merge([Masking(0)(a), b], mode='concat', concat_axis=1)  # built on symbolic masks
    model = Model([a, b], concat)
    assert model.predict([np.ones((2, 3)), np.ones((2, 3))]).shape == (2, 6)
    assert Merge(mode='dot').compute_mask([None, None], [np.ones((2,), bool), None]) is None


def test_merge_output_mask_attribute():
    fn = lambda masks: masks[0]  # noqa: E731
    assert Merge(mode=lambda t: t[0], output_shape=(2,), output_mask=fn)._output_mask is fn


# -- function modes in configs: keras 1.2.2 Merge.get_config / from_config ---------------------------------
def test_merge_function_mode_config_round_trip():
    a, b = Input(shape=(2,)), Input(shape=(2,))
    out = merge([a, b], mode=lambda t: t[0] - t[1], output_shape=lambda s: s[0])
    model = Model.from_config(Model([a, b], out).get_config())
    got = model.predict([np.full((1, 2), 3., 'float32'), np.ones((1, 2), 'float32')])
    np.testing.assert_allclose(got, [[2., 2.]])
