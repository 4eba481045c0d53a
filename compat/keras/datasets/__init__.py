"""keras.datasets of Keras 1.2.2, read from the Keras 1 cache (~/.keras/datasets); never downloads."""
