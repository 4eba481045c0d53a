# Sizes shared by the model and the data modules.
max_caption_len = 5
vocab_size = 12
image_shape = (3, 12, 12)
batch_size = 8
