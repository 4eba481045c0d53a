"""keras.preprocessing of Keras 1.2.2: sequence, text, image (import the submodule you need)."""
