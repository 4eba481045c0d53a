"""The seed: the Keras 1 image-caption model, as the Keras 1 documentation wrote it.

Run it unchanged (no compat import in here) through compat:

    python -m compat legacy/caption_seed.py

The model lines are the seed's, verbatim (../shared/seed/caption_seed.md), with the two
lines the page folded into comments restored as code: loading pre-trained image weights
(when `weight_file.h5` exists) and the `GRU(256)` that encodes the merged sequence.
Ours are only the imports and the lines marked `# data:`, which build `images`,
`partial_captions` and `next_words` from the generated caption scenes (modern/data.py)
and report the model size. Knobs (environment): CAPTION_IMAGES (scenes, default 40),
CAPTION_SAMPLES (cap on training rows, default: all), CAPTION_EPOCHS (default 100, the seed's).
"""
import os  # data:

import numpy as np  # data:
from keras.models import Sequential
from keras.layers import (Convolution2D, Activation, MaxPooling2D, Flatten, Dense, Embedding, GRU,
                          TimeDistributedDense, RepeatVector, Merge)

from modern.data import Vocabulary, prefix_arrays, shapes_dataset  # data:

max_caption_len = 16
vocab_size = 10000
# first, let's define an image model that
# will encode pictures into 128-dimensional vectors.
# it should be initialized with pre-trained weights.
image_model = Sequential()
image_model.add(Convolution2D(32, 3, 3, border_mode='valid', input_shape=(3, 100, 100)))
image_model.add(Activation('relu'))
image_model.add(Convolution2D(32, 3, 3))
image_model.add(Activation('relu'))
image_model.add(MaxPooling2D(pool_size=(2, 2)))
image_model.add(Convolution2D(64, 3, 3, border_mode='valid'))
image_model.add(Activation('relu'))
image_model.add(Convolution2D(64, 3, 3))
image_model.add(Activation('relu'))
image_model.add(MaxPooling2D(pool_size=(2, 2)))
image_model.add(Flatten())
image_model.add(Dense(128))
# let's load the weights from a save file.
if os.path.exists('weight_file.h5'):  # data: only when a pre-trained file is there
    image_model.load_weights('weight_file.h5')
# next, let's define a RNN model that encodes sequences of words
# into sequences of 128-dimensional word vectors.
language_model = Sequential()
language_model.add(Embedding(vocab_size, 256, input_length=max_caption_len))
language_model.add(GRU(output_dim=128, return_sequences=True))
language_model.add(TimeDistributedDense(128))
# let's repeat the image vector to turn it into a sequence.
image_model.add(RepeatVector(max_caption_len))
# the output of both models will be tensors of shape (samples, max_caption_len, 128).
# let's concatenate these 2 vector sequences.
model = Sequential()
model.add(Merge([image_model, language_model], mode='concat', concat_axis=-1))
# let's encode this vector sequence into a single vector
model.add(GRU(256, return_sequences=False))
# which will be used to compute a probability
# distribution over what the next word in the caption should be!
model.add(Dense(vocab_size))
model.add(Activation('softmax'))
model.compile(loss='categorical_crossentropy', optimizer='rmsprop')
print('parameters: {:,}'.format(model.count_params()))  # data: the seed's size, 9,718,960

# data: "images" (nb_samples, 3, 100, 100), "partial_captions" (nb_samples, 16) word indices,
# data: "next_words" (nb_samples, vocab_size) one-hot, from generated captioned scenes.
scenes = shapes_dataset(n_train=int(os.environ.get('CAPTION_IMAGES', 40)), n_val=0, n_test=0,  # data:
                        image_size=100, seed=0)['train']  # data:
rows, partial_captions, next_index = prefix_arrays(scenes, Vocabulary.build(scenes.captions),  # data:
                                                   max_caption_len)  # data:
rows = rows[:int(os.environ.get('CAPTION_SAMPLES', len(rows)))]  # data:
partial_captions, next_index = partial_captions[:len(rows)], next_index[:len(rows)]  # data:
images = scenes.images[rows].transpose(0, 3, 1, 2)  # data: channels first, as the seed's 'th' model
next_words = np.zeros((len(rows), vocab_size), dtype='float32')  # data:
next_words[np.arange(len(rows)), next_index] = 1  # data:
nb_epoch = int(os.environ.get('CAPTION_EPOCHS', 100))  # data:

model.fit([images, partial_captions], next_words, batch_size=16, nb_epoch=nb_epoch)
