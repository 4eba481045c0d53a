"""Train the caption model on the stand-in data (python train.py)."""
import numpy as np
np.random.seed(1337)

from captioner import config, data, model

images, partial_captions, next_words = data.make_dataset(6)
print('batches per epoch:', len(images) / config.batch_size)
captioner = model.build()
history = captioner.fit([images, partial_captions], next_words,
                        batch_size=config.batch_size, epochs=1, verbose=0)
for name, values in history.history.items():
    print(name, '%.6f' % values[-1])
probs = captioner.predict([images[:2], partial_captions[:2]])
print('RESULT', '%.6f' % history.history['loss'][-1], '%.6f' % probs.sum())
