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
