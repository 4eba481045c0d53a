"""Sequential models whose first layer is a Merge of Sequentials (keras 1.2.2 models.py Sequential.add)."""
import numpy as np

from compat.keras.layers import Activation, Dense, Embedding, Flatten, Merge
from compat.keras.models import Sequential


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
