"""keras.wrappers of Keras 1.2.2: scikit_learn."""
