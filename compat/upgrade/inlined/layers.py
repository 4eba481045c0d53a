"""Plain Keras 3 layers for the Keras 1.2.2 layers Keras 3 has no twin for.

``python -m compat upgrade`` copies the classes a file uses into that file (fixers/keras1_layers.py
reads this module as text: the upgrade tool itself never imports Keras), so upgraded code imports
only ``keras``. Each class is self-contained, depends on ``keras`` alone, is registered as
serializable (package 'keras1') and computes what keras 1.2.2 computed on Theano. Weights have
Keras 1's shapes and order, so ``compat.load_keras1_weights`` assigns a Keras 1 file's arrays as
they are. Constructor arguments follow Keras 3's naming (``kernel_initializer``, ``use_bias``...),
as the upgrade's argument table writes them.
"""
import keras


@keras.saving.register_keras_serializable(package='keras1')
class Highway(keras.layers.Layer):
    """Keras 1.2.2 Highway: ``t * activation(x W + b) + (1 - t) * x``, ``t = sigmoid(x W_carry +
    b_carry)`` (keras 1.2.2 layers/core.py Highway.call). Weights: kernel, carry_kernel, bias,
    carry_bias (Keras 1's W, W_carry, b, b_carry; b_carry starts at one)."""

    def __init__(self, activation=None, kernel_initializer='glorot_uniform', use_bias=True,
                 kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, **kwargs):
        super().__init__(**kwargs)
        self.activation = keras.activations.get(activation)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.use_bias = use_bias
        self.kernel_regularizer = keras.regularizers.get(kernel_regularizer)
        self.bias_regularizer = keras.regularizers.get(bias_regularizer)
        self.kernel_constraint = keras.constraints.get(kernel_constraint)
        self.bias_constraint = keras.constraints.get(bias_constraint)
        self.input_spec = keras.InputSpec(ndim=2)

    def build(self, input_shape):
        n = input_shape[-1]
        self.kernel = self.add_weight(shape=(n, n), initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, name='kernel')
        # keras 1.2.2 Highway.build: W_carry has `init` but no regularizer/constraint
        self.carry_kernel = self.add_weight(shape=(n, n), initializer=self.kernel_initializer,
                                            name='carry_kernel')
        if self.use_bias:
            self.bias = self.add_weight(shape=(n,), initializer='zeros',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, name='bias')
            self.carry_bias = self.add_weight(shape=(n,), initializer='ones', name='carry_bias')

    def call(self, x):
        carry = keras.ops.matmul(x, self.carry_kernel)
        linear = keras.ops.matmul(x, self.kernel)
        if self.use_bias:
            carry, linear = carry + self.carry_bias, linear + self.bias
        transform = keras.ops.sigmoid(carry)
        return self.activation(linear) * transform + (1 - transform) * x

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(),
                'activation': keras.activations.serialize(self.activation),
                'kernel_initializer': keras.initializers.serialize(self.kernel_initializer),
                'use_bias': self.use_bias,
                'kernel_regularizer': keras.regularizers.serialize(self.kernel_regularizer),
                'bias_regularizer': keras.regularizers.serialize(self.bias_regularizer),
                'kernel_constraint': keras.constraints.serialize(self.kernel_constraint),
                'bias_constraint': keras.constraints.serialize(self.bias_constraint)}


@keras.saving.register_keras_serializable(package='keras1')
class MaxoutDense(keras.layers.Layer):
    """Keras 1.2.2 MaxoutDense: the element-wise maximum of ``nb_feature`` linear maps (keras
    1.2.2 layers/core.py MaxoutDense.call; linear, no activation). Weights: kernel
    ``(nb_feature, input_dim, units)``, bias ``(nb_feature, units)``."""

    def __init__(self, units, nb_feature=4, kernel_initializer='glorot_uniform', use_bias=True,
                 kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, **kwargs):
        super().__init__(**kwargs)
        self.units, self.nb_feature = int(units), int(nb_feature)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.use_bias = use_bias
        self.kernel_regularizer = keras.regularizers.get(kernel_regularizer)
        self.bias_regularizer = keras.regularizers.get(bias_regularizer)
        self.kernel_constraint = keras.constraints.get(kernel_constraint)
        self.bias_constraint = keras.constraints.get(bias_constraint)
        self.input_spec = keras.InputSpec(ndim=2)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(self.nb_feature, input_shape[-1], self.units),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, name='kernel')
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.nb_feature, self.units), initializer='zeros',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, name='bias')

    def call(self, x):
        y = keras.ops.einsum('bi,fio->bfo', x, self.kernel)   # Theano K.dot(2-D, 3-D)
        if self.use_bias:
            y = y + self.bias
        return keras.ops.max(y, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.units)

    def get_config(self):
        return {**super().get_config(), 'units': self.units, 'nb_feature': self.nb_feature,
                'kernel_initializer': keras.initializers.serialize(self.kernel_initializer),
                'use_bias': self.use_bias,
                'kernel_regularizer': keras.regularizers.serialize(self.kernel_regularizer),
                'bias_regularizer': keras.regularizers.serialize(self.bias_regularizer),
                'kernel_constraint': keras.constraints.serialize(self.kernel_constraint),
                'bias_constraint': keras.constraints.serialize(self.bias_constraint)}


@keras.saving.register_keras_serializable(package='keras1')
class LocallyConnected1D(keras.layers.Layer):
    """Keras 1.2.2 LocallyConnected1D ('valid' only): a convolution whose weights differ at each
    output step (keras 1.2.2 layers/local.py LocallyConnected1D.call). Weights: kernel
    ``(steps, kernel_size * input_dim, filters)``, bias ``(steps, filters)``."""

    def __init__(self, filters, kernel_size, strides=1, padding='valid', activation=None,
                 use_bias=True, kernel_initializer='glorot_uniform', kernel_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(**kwargs)
        if padding != 'valid':
            raise ValueError(f"LocallyConnected1D(padding={padding!r}): only 'valid' exists")
        self.filters = int(filters)
        self.kernel_size = int(kernel_size[0] if isinstance(kernel_size, (list, tuple)) else kernel_size)
        self.strides = int(strides[0] if isinstance(strides, (list, tuple)) else strides)
        self.padding = padding
        self.activation = keras.activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.kernel_regularizer = keras.regularizers.get(kernel_regularizer)
        self.bias_regularizer = keras.regularizers.get(bias_regularizer)
        self.kernel_constraint = keras.constraints.get(kernel_constraint)
        self.bias_constraint = keras.constraints.get(bias_constraint)
        self.input_spec = keras.InputSpec(ndim=3)

    def _steps(self, length):
        return (length - self.kernel_size) // self.strides + 1   # keras 1.2.2 conv_output_length

    def build(self, input_shape):
        steps = self._steps(input_shape[1])
        self.kernel = self.add_weight(shape=(steps, self.kernel_size * input_shape[2], self.filters),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, name='kernel')
        if self.use_bias:
            self.bias = self.add_weight(shape=(steps, self.filters), initializer='zeros',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, name='bias')

    def call(self, x):
        steps, size = self.kernel.shape[0], self.kernel.shape[1]
        k, s = self.kernel_size, self.strides
        patches = keras.ops.stack([keras.ops.reshape(x[:, i * s:i * s + k, :], (-1, size))
                                   for i in range(steps)])            # (steps, batch, k * dim)
        y = keras.ops.einsum('pbf,pfo->bpo', patches, self.kernel)     # K.batch_dot per step
        if self.use_bias:
            y = y + self.bias
        return self.activation(y)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self._steps(input_shape[1]), self.filters)

    def get_config(self):
        return {**super().get_config(), 'filters': self.filters, 'kernel_size': self.kernel_size,
                'strides': self.strides, 'padding': self.padding,
                'activation': keras.activations.serialize(self.activation),
                'use_bias': self.use_bias,
                'kernel_initializer': keras.initializers.serialize(self.kernel_initializer),
                'kernel_regularizer': keras.regularizers.serialize(self.kernel_regularizer),
                'bias_regularizer': keras.regularizers.serialize(self.bias_regularizer),
                'kernel_constraint': keras.constraints.serialize(self.kernel_constraint),
                'bias_constraint': keras.constraints.serialize(self.bias_constraint)}


@keras.saving.register_keras_serializable(package='keras1')
class LocallyConnected2D(keras.layers.Layer):
    """Keras 1.2.2 LocallyConnected2D ('valid' only): unshared 2-D convolution weights (keras
    1.2.2 layers/local.py LocallyConnected2D.call). Each patch is flattened in the input's own
    layout (channels_first: channel, row, col). Weights: kernel ``(rows * cols, kernel_rows *
    kernel_cols * channels, filters)``, bias ``(rows, cols, filters)``."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding='valid', data_format=None,
                 activation=None, use_bias=True, kernel_initializer='glorot_uniform',
                 kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, **kwargs):
        super().__init__(**kwargs)
        if padding != 'valid':
            raise ValueError(f"LocallyConnected2D(padding={padding!r}): only 'valid' exists")
        pair = lambda v: (int(v), int(v)) if isinstance(v, int) else tuple(int(i) for i in v)  # noqa: E731
        self.filters, self.kernel_size, self.strides = int(filters), pair(kernel_size), pair(strides)
        self.padding = padding
        self.data_format = data_format or keras.config.image_data_format()
        self.activation = keras.activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.kernel_regularizer = keras.regularizers.get(kernel_regularizer)
        self.bias_regularizer = keras.regularizers.get(bias_regularizer)
        self.kernel_constraint = keras.constraints.get(kernel_constraint)
        self.bias_constraint = keras.constraints.get(bias_constraint)
        self.input_spec = keras.InputSpec(ndim=4)

    def _grid(self, input_shape):
        first = self.data_format == 'channels_first'
        spatial = input_shape[2:4] if first else input_shape[1:3]
        return tuple((n - k) // s + 1 for n, k, s in zip(spatial, self.kernel_size, self.strides))

    def build(self, input_shape):
        rows, cols = self._grid(input_shape)
        channels = input_shape[1] if self.data_format == 'channels_first' else input_shape[3]
        kr, kc = self.kernel_size
        self.kernel = self.add_weight(shape=(rows * cols, kr * kc * channels, self.filters),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, name='kernel')
        if self.use_bias:
            self.bias = self.add_weight(shape=(rows, cols, self.filters), initializer='zeros',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, name='bias')

    def call(self, x):
        first = self.data_format == 'channels_first'
        rows, cols = self._grid(x.shape)
        (kr, kc), (sr, sc), f = self.kernel_size, self.strides, self.filters
        patches = []
        for i in range(rows):
            for j in range(cols):
                r, c = slice(i * sr, i * sr + kr), slice(j * sc, j * sc + kc)
                patch = x[:, :, r, c] if first else x[:, r, c, :]
                patches.append(keras.ops.reshape(patch, (-1, self.kernel.shape[1])))
        y = keras.ops.einsum('pbf,pfo->pbo', keras.ops.stack(patches), self.kernel)
        y = keras.ops.reshape(y, (rows, cols, -1, f))
        y = keras.ops.transpose(y, (2, 3, 0, 1) if first else (2, 0, 1, 3))
        if self.use_bias:
            # keras 1.2.2 LocallyConnected2D.call: channels-first *reshapes* the (rows, cols,
            # filters) bias to (filters, rows, cols) -- no transpose -- and Keras 1 files hold that.
            y = y + (keras.ops.reshape(self.bias, (f, rows, cols)) if first else self.bias)
        return self.activation(y)

    def compute_output_shape(self, input_shape):
        rows, cols = self._grid(input_shape)
        if self.data_format == 'channels_first':
            return (input_shape[0], self.filters, rows, cols)
        return (input_shape[0], rows, cols, self.filters)

    def get_config(self):
        return {**super().get_config(), 'filters': self.filters, 'kernel_size': self.kernel_size,
                'strides': self.strides, 'padding': self.padding, 'data_format': self.data_format,
                'activation': keras.activations.serialize(self.activation),
                'use_bias': self.use_bias,
                'kernel_initializer': keras.initializers.serialize(self.kernel_initializer),
                'kernel_regularizer': keras.regularizers.serialize(self.kernel_regularizer),
                'bias_regularizer': keras.regularizers.serialize(self.bias_regularizer),
                'kernel_constraint': keras.constraints.serialize(self.kernel_constraint),
                'bias_constraint': keras.constraints.serialize(self.bias_constraint)}


@keras.saving.register_keras_serializable(package='keras1')
class ParametricSoftplus(keras.layers.Layer):
    """Keras 1.2.2 ParametricSoftplus: ``alphas * softplus(betas * x)`` with one alpha and beta
    per input unit (shared along ``shared_axes``), starting at ``alpha_init``/``beta_init``
    (keras 1.2.2 layers/advanced_activations.py ParametricSoftplus). Weights: alphas, betas."""

    def __init__(self, alpha_init=0.2, beta_init=5.0, shared_axes=None, **kwargs):
        super().__init__(**kwargs)
        self.alpha_init, self.beta_init = float(alpha_init), float(beta_init)
        self.shared_axes = ([shared_axes] if isinstance(shared_axes, int)
                            else list(shared_axes or []))
        self.supports_masking = True

    def build(self, input_shape):
        shape = [1 if i + 1 in self.shared_axes else d for i, d in enumerate(input_shape[1:])]
        self.alphas = self.add_weight(shape=shape, name='alphas',
                                      initializer=keras.initializers.Constant(self.alpha_init))
        self.betas = self.add_weight(shape=shape, name='betas',
                                     initializer=keras.initializers.Constant(self.beta_init))

    def call(self, x):
        return keras.ops.softplus(self.betas * x) * self.alphas

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), 'alpha_init': self.alpha_init,
                'beta_init': self.beta_init, 'shared_axes': self.shared_axes or None}


@keras.saving.register_keras_serializable(package='keras1')
class SReLU(keras.layers.Layer):
    """Keras 1.2.2 SReLU, the S-shaped ReLU: x between t_left and t_right = t_left + |t_right|,
    slopes a_left / a_right outside (keras 1.2.2 layers/advanced_activations.py SReLU.call).
    Weights: t_left, a_left, t_right, a_right, one per input unit (shared along shared_axes)."""

    def __init__(self, t_left_initializer='zeros', a_left_initializer='glorot_uniform',
                 t_right_initializer='glorot_uniform', a_right_initializer='ones',
                 shared_axes=None, **kwargs):
        super().__init__(**kwargs)
        self.initializers = {name: keras.initializers.get(init) for name, init in (
            ('t_left', t_left_initializer), ('a_left', a_left_initializer),
            ('t_right', t_right_initializer), ('a_right', a_right_initializer))}
        self.shared_axes = ([shared_axes] if isinstance(shared_axes, int)
                            else list(shared_axes or []))
        self.supports_masking = True

    def build(self, input_shape):
        shape = [1 if i + 1 in self.shared_axes else d for i, d in enumerate(input_shape[1:])]
        for name, init in self.initializers.items():   # Keras 1 order: t_left, a_left, t_right, a_right
            setattr(self, name, self.add_weight(shape=shape, initializer=init, name=name))

    def call(self, x):
        t_right = self.t_left + keras.ops.abs(self.t_right)
        shifted = x - self.t_left
        # Theano K.relu(x - t_left, a_left, max_value=t_right - t_left)
        left_and_center = self.t_left + keras.ops.minimum(
            keras.ops.where(shifted > 0, shifted, self.a_left * shifted), t_right - self.t_left)
        return left_and_center + keras.ops.relu(x - t_right) * self.a_right

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), 'shared_axes': self.shared_axes or None,
                **{f'{name}_initializer': keras.initializers.serialize(init)
                   for name, init in self.initializers.items()}}


@keras.saving.register_keras_serializable(package='keras1')
class Keras1BatchNormalization(keras.layers.Layer):
    """Keras 1.2.2 BatchNormalization modes 1 and 2 (keras 1.2.2 layers/normalization.py; mode 0
    is keras.layers.BatchNormalization). Mode 1 normalises each sample over its last axis,
    ``(x - mean) / (sqrt(var + epsilon) + epsilon)``; mode 2 normalises each feature with the
    statistics of the batch at hand, in training *and* inference (Theano
    ``batch_normalization_train``: ``(x - mean) / sqrt(var + epsilon)``). Weights: gamma, beta,
    and Keras 1's unused running_mean/running_std, kept so Keras 1 files load."""

    def __init__(self, mode, axis=-1, epsilon=1e-3, momentum=0.99, beta_initializer='zeros',
                 gamma_initializer='ones', gamma_regularizer=None, beta_regularizer=None,
                 **kwargs):
        super().__init__(**kwargs)
        if mode not in (1, 2):
            raise ValueError(f'Keras1BatchNormalization(mode={mode!r}): modes are 1 and 2; '
                             'mode 0 is keras.layers.BatchNormalization')
        self.mode, self.axis, self.epsilon, self.momentum = mode, axis, epsilon, momentum
        self.beta_initializer = keras.initializers.get(beta_initializer)
        self.gamma_initializer = keras.initializers.get(gamma_initializer)
        self.gamma_regularizer = keras.regularizers.get(gamma_regularizer)
        self.beta_regularizer = keras.regularizers.get(beta_regularizer)
        self.supports_masking = True

    def build(self, input_shape):
        shape = (input_shape[self.axis],)
        self.gamma = self.add_weight(shape=shape, initializer=self.gamma_initializer,
                                     regularizer=self.gamma_regularizer, name='gamma')
        self.beta = self.add_weight(shape=shape, initializer=self.beta_initializer,
                                    regularizer=self.beta_regularizer, name='beta')
        self.running_mean = self.add_weight(shape=shape, initializer='zeros', trainable=False,
                                            name='running_mean')
        self.running_std = self.add_weight(shape=shape, initializer='ones', trainable=False,
                                           name='running_std')

    def call(self, x):
        if self.mode == 1:
            mean = keras.ops.mean(x, axis=-1, keepdims=True)
            std = keras.ops.sqrt(keras.ops.var(x, axis=-1, keepdims=True) + self.epsilon)
            return self.gamma * ((x - mean) / (std + self.epsilon)) + self.beta
        ndim = len(x.shape)
        axis = self.axis % ndim
        shape = [-1 if i == axis else 1 for i in range(ndim)]
        reduce = [i for i in range(ndim) if i != axis]
        mean = keras.ops.mean(x, axis=reduce, keepdims=True)
        var = keras.ops.var(x, axis=reduce, keepdims=True)
        return ((x - mean) / keras.ops.sqrt(var + self.epsilon) * keras.ops.reshape(self.gamma, shape)
                + keras.ops.reshape(self.beta, shape))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), 'mode': self.mode, 'axis': self.axis,
                'epsilon': self.epsilon, 'momentum': self.momentum,
                'beta_initializer': keras.initializers.serialize(self.beta_initializer),
                'gamma_initializer': keras.initializers.serialize(self.gamma_initializer),
                'gamma_regularizer': keras.regularizers.serialize(self.gamma_regularizer),
                'beta_regularizer': keras.regularizers.serialize(self.beta_regularizer)}


@keras.saving.register_keras_serializable(package='keras1')
class Keras1ConvLSTM2D(keras.layers.ConvLSTM2D):
    """keras.layers.ConvLSTM2D padding like Keras 1.2.2 on Theano, for kernels with an even side.

    Keras 1's recurrent convolutions, and its input convolution under 'same', were Theano 'half'
    convolutions cropped for even kernels (keras 1.2.2 layers/convolutional_recurrent.py
    ConvLSTM2D.conv_step/conv_step_hidden, theano_backend.py conv2d): ``k // 2`` zeros before and
    ``k - 1 - k // 2`` after. TensorFlow's 'same' puts the odd zero at the end instead. For odd
    kernels the two agree and plain ConvLSTM2D is used. Same weights as ConvLSTM2D.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cell = self.cell   # Keras 3 has no public ConvLSTM cell class: its two convolutions are set here
        first = cell.data_format == 'channels_first'

        def theano_same(x, w, strides):
            pads = [(k // 2, k - 1 - k // 2) for k in cell.kernel_size]
            pads = [(0, 0), (0, 0)] + pads if first else [(0, 0)] + pads + [(0, 0)]
            return keras.ops.conv(keras.ops.pad(x, pads), w, strides=strides, padding='valid',
                                  data_format=cell.data_format)

        def input_conv(x, w, b=None, padding='valid'):
            if padding != 'same':
                return type(cell).input_conv(cell, x, w, b, padding)
            y = theano_same(x, w, cell.strides)
            if b is not None:
                y = y + keras.ops.reshape(b, (1, -1, 1, 1) if first else (1, 1, 1, -1))
            return y

        cell.input_conv = input_conv
        cell.recurrent_conv = lambda x, w: theano_same(x, w, (1, 1))
