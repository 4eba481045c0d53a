"""Image preprocessing and augmentation of Keras 1.2.2 (keras 1.2.2 preprocessing/image.py).

Same arguments, defaults, random draws (global ``np.random``, in Keras 1's
order) and outputs. Keras 1 resampled with ``scipy.ndimage.affine_transform(
order=0)``; scipy is not a dependency here, so ``apply_transform`` re-implements
that nearest-neighbour resampling in numpy, including scipy 1.2's boundary
rules for 'nearest', 'constant', 'reflect' and 'wrap' (tests compare it with
fixtures from scipy 1.2.3). ZCA uses ``numpy.linalg.svd`` where Keras 1 used
``scipy.linalg.svd``: same decomposition up to float rounding.

Images are read and written with Pillow (``load_img``, ``array_to_img``).
"""
import os
import re
import threading
import warnings

import numpy as np

from ..backend import common as K

try:
    from PIL import Image as pil_image
except ImportError:  # Pillow is an install requirement; keep Keras 1's message anyway
    pil_image = None

__all__ = ['random_rotation', 'random_shift', 'random_shear', 'random_zoom', 'random_channel_shift',
           'transform_matrix_offset_center', 'apply_transform', 'flip_axis', 'array_to_img',
           'img_to_array', 'load_img', 'list_pictures', 'ImageDataGenerator', 'Iterator',
           'NumpyArrayIterator', 'DirectoryIterator']

# ---------------------------------------------------------------- resampling


def _trunc(v):
    # C's (npy_intp) cast truncates toward zero.
    return np.trunc(v)


def _map_nearest(c, n):
    return np.clip(c, 0, n - 1)


def _map_constant(c, n):
    return np.where((c < 0) | (c > n - 1), -1.0, c)


def _map_reflect(c, n):
    # scipy 1.2 ni_interpolation.c map_coordinate, NI_EXTEND_REFLECT
    if n <= 1:
        return np.zeros_like(c)
    sz2 = 2 * n
    low = c < 0
    lo = np.where(c < -sz2, sz2 * _trunc(-c / sz2) + c, c)
    lo = np.where(lo < -n, lo + sz2, -lo - 1)
    hi = c - sz2 * _trunc(c / sz2)
    hi = np.where(hi >= n, sz2 - hi - 1, hi)
    return np.where(low, lo, np.where(c > n - 1, hi, c))


def _map_wrap(c, n):
    # scipy 1.2 map_coordinate, NI_EXTEND_WRAP (period n - 1, as scipy < 1.6 did)
    if n <= 1:
        return np.zeros_like(c)
    sz = n - 1
    lo = c + sz * (_trunc(-c / sz) + 1)
    hi = c - sz * _trunc(c / sz)
    return np.where(c < 0, lo, np.where(c > n - 1, hi, c))


def _map_mirror(c, n):
    # scipy 1.2 map_coordinate, NI_EXTEND_MIRROR
    if n <= 1:
        return np.zeros_like(c)
    sz2 = 2 * n - 2
    lo = sz2 * _trunc(-c / sz2) + c
    lo = np.where(lo <= 1 - n, lo + sz2, -lo)
    hi = c - sz2 * _trunc(c / sz2)
    hi = np.where(hi >= n, sz2 - hi, hi)
    return np.where(c < 0, lo, np.where(c > n - 1, hi, c))


_MAP_COORDINATE = {'nearest': _map_nearest, 'constant': _map_constant, 'reflect': _map_reflect,
                   'wrap': _map_wrap, 'mirror': _map_mirror}


def _mirror_index(idx, n):
    # scipy 1.2 NI_GeometricTransform: spline support outside [0, n) is mirrored
    # whatever the mode; with order 0 that only happens on reflect's half-pixel edge.
    if n <= 1:
        return np.zeros_like(idx)
    s2 = 2 * n - 2
    lo = s2 * (-idx // s2) + idx  # -idx > 0 where used, so // is C's truncation
    lo = np.where(lo <= 1 - n, lo + s2, -lo)
    hi = idx - s2 * (idx // s2)
    hi = np.where(hi >= n, s2 - hi, hi)
    return np.where(idx < 0, lo, np.where(idx >= n, hi, idx))


def _affine_nearest(image, matrix, offset, fill_mode, cval):
    """``scipy.ndimage.affine_transform(image, matrix, offset, order=0, mode, cval)`` for a 2D image.

    Output pixel (i, j) reads input ``matrix @ (i, j) + offset`` rounded half
    up, after scipy 1.2's per-axis boundary mapping; 'constant' fills with
    ``cval`` any pixel whose source falls outside ``[0, n - 1]``.
    """
    rows, cols = np.meshgrid(np.arange(image.shape[0], dtype=np.float64),
                             np.arange(image.shape[1], dtype=np.float64), indexing='ij')
    outside = np.zeros(image.shape, dtype=bool)
    index = []
    for axis in range(2):
        # same operation order as scipy's C loop: sum_l coord_l * m[axis, l], then + shift
        c = rows * matrix[axis, 0] + cols * matrix[axis, 1] + offset[axis]
        c = _MAP_COORDINATE[fill_mode](c, image.shape[axis])
        outside |= ~(c > -1.0)
        idx = np.floor(np.where(outside, 0.0, c) + 0.5).astype(np.int64)
        index.append(_mirror_index(idx, image.shape[axis]))
    out = image[index[0], index[1]]
    if outside.any():
        out = np.where(outside, np.asarray(cval, dtype=image.dtype), out)
    return out.astype(image.dtype, copy=False)


def transform_matrix_offset_center(matrix, x, y):
    """Conjugate ``matrix`` so it acts about the image centre (keras 1.2.2 image.transform_matrix_offset_center)."""
    o_x = float(x) / 2 + 0.5
    o_y = float(y) / 2 + 0.5
    offset_matrix = np.array([[1, 0, o_x], [0, 1, o_y], [0, 0, 1]])
    reset_matrix = np.array([[1, 0, -o_x], [0, 1, -o_y], [0, 0, 1]])
    return np.dot(np.dot(offset_matrix, matrix), reset_matrix)


def apply_transform(x, transform_matrix, channel_axis=0, fill_mode='nearest', cval=0.):
    """Resample each channel of a 3D image with a 3x3 homogeneous matrix, nearest neighbour.

    keras 1.2.2 image.apply_transform (scipy ndimage order 0, emulated in numpy).
    """
    if fill_mode not in _MAP_COORDINATE:
        raise ValueError("fill_mode must be one of 'constant', 'nearest', 'reflect', 'wrap'; got %r"
                         % (fill_mode,))
    x = np.rollaxis(np.asarray(x), channel_axis, 0)
    matrix = np.asarray(transform_matrix, dtype=np.float64)
    channels = [_affine_nearest(channel, matrix[:2, :2], matrix[:2, 2], fill_mode, cval) for channel in x]
    return np.rollaxis(np.stack(channels, axis=0), 0, channel_axis + 1)


def _rotation_matrix(theta):
    return np.array([[np.cos(theta), -np.sin(theta), 0],
                     [np.sin(theta), np.cos(theta), 0],
                     [0, 0, 1]])


def _shear_matrix(shear):
    return np.array([[1, -np.sin(shear), 0],
                     [0, np.cos(shear), 0],
                     [0, 0, 1]])


def _diag_matrix(zx, zy):
    return np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])


def random_rotation(x, rg, row_axis=1, col_axis=2, channel_axis=0, fill_mode='nearest', cval=0.):
    """Rotate by a uniform angle in [-rg, rg] degrees (keras 1.2.2 image.random_rotation)."""
    theta = np.pi / 180 * np.random.uniform(-rg, rg)
    h, w = x.shape[row_axis], x.shape[col_axis]
    matrix = transform_matrix_offset_center(_rotation_matrix(theta), h, w)
    return apply_transform(x, matrix, channel_axis, fill_mode, cval)


def random_shift(x, wrg, hrg, row_axis=1, col_axis=2, channel_axis=0, fill_mode='nearest', cval=0.):
    """Shift by uniform fractions of height/width (keras 1.2.2 image.random_shift)."""
    h, w = x.shape[row_axis], x.shape[col_axis]
    tx = np.random.uniform(-hrg, hrg) * h
    ty = np.random.uniform(-wrg, wrg) * w
    matrix = np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
    return apply_transform(x, matrix, channel_axis, fill_mode, cval)


def random_shear(x, intensity, row_axis=1, col_axis=2, channel_axis=0, fill_mode='nearest', cval=0.):
    """Shear by a uniform angle in [-intensity, intensity] radians (keras 1.2.2 image.random_shear)."""
    shear = np.random.uniform(-intensity, intensity)
    h, w = x.shape[row_axis], x.shape[col_axis]
    matrix = transform_matrix_offset_center(_shear_matrix(shear), h, w)
    return apply_transform(x, matrix, channel_axis, fill_mode, cval)


def random_zoom(x, zoom_range, row_axis=1, col_axis=2, channel_axis=0, fill_mode='nearest', cval=0.):
    """Zoom rows/cols by two uniform factors in ``zoom_range`` (keras 1.2.2 image.random_zoom)."""
    if len(zoom_range) != 2:
        raise ValueError('zoom_range should be a tuple or list of two floats. Received arg: %r' % (zoom_range,))
    if zoom_range[0] == 1 and zoom_range[1] == 1:
        zx, zy = 1, 1
    else:
        zx, zy = np.random.uniform(zoom_range[0], zoom_range[1], 2)
    h, w = x.shape[row_axis], x.shape[col_axis]
    matrix = transform_matrix_offset_center(_diag_matrix(zx, zy), h, w)
    return apply_transform(x, matrix, channel_axis, fill_mode, cval)


def random_channel_shift(x, intensity, channel_axis=0):
    """Add one uniform offset per channel, clipped to the image's range (keras 1.2.2 image.random_channel_shift)."""
    x = np.rollaxis(x, channel_axis, 0)
    min_x, max_x = np.min(x), np.max(x)
    channels = [np.clip(c + np.random.uniform(-intensity, intensity), min_x, max_x) for c in x]
    return np.rollaxis(np.stack(channels, axis=0), 0, channel_axis + 1)


def flip_axis(x, axis):
    """Reverse ``x`` along ``axis`` (keras 1.2.2 image.flip_axis)."""
    return np.flip(np.asarray(x), axis)


# ---------------------------------------------------------------- PIL I/O

_DIM_ORDERINGS = ('th', 'tf')


def _dim_ordering(dim_ordering):
    if dim_ordering == 'default':
        dim_ordering = K.image_dim_ordering()
    if dim_ordering not in _DIM_ORDERINGS:
        raise ValueError("dim_ordering must be 'th' (channels, rows, cols) or 'tf' (rows, cols, channels); "
                         "got %r" % (dim_ordering,))
    return dim_ordering


def _require_pil(what):
    if pil_image is None:
        raise ImportError('Could not import PIL.Image. The use of `%s` requires Pillow: pip install pillow.' % what)


_PIL_MODES = {3: 'RGB', 1: 'L'}


def array_to_img(x, dim_ordering='default', scale=True):
    """3D array -> PIL image (keras 1.2.2 image.array_to_img).

    ``scale`` shifts the minimum to >= 0 and stretches the maximum to 255;
    values are then truncated to uint8.
    """
    _require_pil('array_to_img')
    x = np.asarray(x, dtype=K.floatx())
    if x.ndim != 3:
        raise ValueError('Expected image array to have rank 3 (single image). Got array with shape: %s'
                         % (x.shape,))
    if _dim_ordering(dim_ordering) == 'th':
        x = x.transpose(1, 2, 0)
    if scale:
        x = x + max(-np.min(x), 0)
        x_max = np.max(x)
        if x_max != 0:
            x /= x_max
        x *= 255
    if x.shape[2] not in _PIL_MODES:
        raise ValueError('Unsupported channel number: %d (array_to_img takes 1 or 3 channels)' % x.shape[2])
    pixels = x.astype('uint8')
    return pil_image.fromarray(pixels if x.shape[2] == 3 else pixels[:, :, 0], _PIL_MODES[x.shape[2]])


def img_to_array(img, dim_ordering='default'):
    """PIL image -> 3D float array in ``dim_ordering`` (keras 1.2.2 image.img_to_array)."""
    dim_ordering = _dim_ordering(dim_ordering)
    x = np.asarray(img, dtype=K.floatx())
    if x.ndim == 3:
        return x.transpose(2, 0, 1) if dim_ordering == 'th' else x
    if x.ndim == 2:
        return x[np.newaxis] if dim_ordering == 'th' else x[:, :, np.newaxis]
    raise ValueError('Unsupported image shape: %s' % (x.shape,))


def load_img(path, grayscale=False, target_size=None):
    """Open an image as 'L' or 'RGB', resized to ``target_size=(rows, cols)`` (keras 1.2.2 image.load_img).

    Pillow's default resize filter is used, as Keras 1 did: NEAREST before
    Pillow 7, BICUBIC from Pillow 7 on. Resized pixels therefore differ from a
    Keras 1 run on old Pillow; unresized images are identical.
    """
    _require_pil('load_img')
    img = pil_image.open(path)
    img = img.convert('L' if grayscale else 'RGB')
    if target_size:
        img = img.resize((target_size[1], target_size[0]))
    return img


def list_pictures(directory, ext='jpg|jpeg|bmp|png'):
    """Paths under ``directory`` whose names match ``word.ext`` (keras 1.2.2 image.list_pictures)."""
    pattern = re.compile(r'([\w]+\.(?:' + ext + '))')
    return [os.path.join(root, f) for root, _, files in os.walk(directory) for f in files if pattern.match(f)]


# ---------------------------------------------------------------- generator

# (channel, row, col) axes of a 4D batch (keras 1.2.2 ImageDataGenerator.__init__).
_BATCH_AXES = {'th': (1, 2, 3), 'tf': (3, 1, 2)}


class ImageDataGenerator(object):
    """Batches of (augmented) image data (keras 1.2.2 image.ImageDataGenerator).

    Arguments as Keras 1.2.2: ``featurewise_center``, ``samplewise_center``,
    ``featurewise_std_normalization``, ``samplewise_std_normalization``,
    ``zca_whitening``, ``rotation_range`` (degrees), ``width_shift_range``,
    ``height_shift_range`` (fractions), ``shear_range`` (radians),
    ``zoom_range`` (z or [lo, hi]), ``channel_shift_range``, ``fill_mode``,
    ``cval``, ``horizontal_flip``, ``vertical_flip``, ``rescale``,
    ``preprocessing_function``, ``dim_ordering`` ('default' = the backend's,
    'th' unless ~/.keras/keras.json says otherwise).
    """

    def __init__(self, featurewise_center=False, samplewise_center=False,
                 featurewise_std_normalization=False, samplewise_std_normalization=False,
                 zca_whitening=False, rotation_range=0., width_shift_range=0., height_shift_range=0.,
                 shear_range=0., zoom_range=0., channel_shift_range=0., fill_mode='nearest', cval=0.,
                 horizontal_flip=False, vertical_flip=False, rescale=None, preprocessing_function=None,
                 dim_ordering='default'):
        self.featurewise_center = featurewise_center
        self.samplewise_center = samplewise_center
        self.featurewise_std_normalization = featurewise_std_normalization
        self.samplewise_std_normalization = samplewise_std_normalization
        self.zca_whitening = zca_whitening
        self.rotation_range = rotation_range
        self.width_shift_range = width_shift_range
        self.height_shift_range = height_shift_range
        self.shear_range = shear_range
        self.channel_shift_range = channel_shift_range
        if fill_mode not in _MAP_COORDINATE:
            raise ValueError("fill_mode must be one of 'constant', 'nearest', 'reflect', 'wrap'; got %r"
                             % (fill_mode,))
        self.fill_mode = fill_mode
        self.cval = cval
        self.horizontal_flip = horizontal_flip
        self.vertical_flip = vertical_flip
        self.rescale = rescale
        self.preprocessing_function = preprocessing_function
        self.dim_ordering = _dim_ordering(dim_ordering)
        self.channel_axis, self.row_axis, self.col_axis = _BATCH_AXES[self.dim_ordering]
        self.mean = None
        self.std = None
        self.principal_components = None
        if np.isscalar(zoom_range):
            self.zoom_range = [1 - zoom_range, 1 + zoom_range]
        elif len(zoom_range) == 2:
            self.zoom_range = [zoom_range[0], zoom_range[1]]
        else:
            raise ValueError('zoom_range should be a float or a tuple or list of two floats. Received arg: %r'
                             % (zoom_range,))

    def flow(self, X, y=None, batch_size=32, shuffle=True, seed=None,
             save_to_dir=None, save_prefix='', save_format='jpeg'):
        """Iterator over (augmented) batches of the arrays ``X`` (and ``y``)."""
        return NumpyArrayIterator(X, y, self, batch_size=batch_size, shuffle=shuffle, seed=seed,
                                  dim_ordering=self.dim_ordering, save_to_dir=save_to_dir,
                                  save_prefix=save_prefix, save_format=save_format)

    def flow_from_directory(self, directory, target_size=(256, 256), color_mode='rgb', classes=None,
                            class_mode='categorical', batch_size=32, shuffle=True, seed=None,
                            save_to_dir=None, save_prefix='', save_format='jpeg', follow_links=False):
        """Iterator over batches of images read from one subfolder per class."""
        return DirectoryIterator(directory, self, target_size=target_size, color_mode=color_mode,
                                 classes=classes, class_mode=class_mode, dim_ordering=self.dim_ordering,
                                 batch_size=batch_size, shuffle=shuffle, seed=seed,
                                 save_to_dir=save_to_dir, save_prefix=save_prefix,
                                 save_format=save_format, follow_links=follow_links)

    def _warn_unfit(self, flag):
        warnings.warn("This ImageDataGenerator specifies `%s`, but it hasn't been fit on any training "
                      "data. Fit it first by calling `.fit(numpy_data)`." % flag)

    def standardize(self, x):
        """Normalise one image in place where Keras 1 did (keras 1.2.2 ImageDataGenerator.standardize)."""
        if self.preprocessing_function:
            x = self.preprocessing_function(x)
        if self.rescale:
            x *= self.rescale
        # keras 1.2.2 takes the samplewise statistics over the channel axis
        img_channel_axis = self.channel_axis - 1
        if self.samplewise_center:
            x -= np.mean(x, axis=img_channel_axis, keepdims=True)
        if self.samplewise_std_normalization:
            x /= (np.std(x, axis=img_channel_axis, keepdims=True) + 1e-7)
        if self.featurewise_center:
            if self.mean is not None:
                x -= self.mean
            else:
                self._warn_unfit('featurewise_center')
        if self.featurewise_std_normalization:
            if self.std is not None:
                x /= (self.std + 1e-7)
            else:
                self._warn_unfit('featurewise_std_normalization')
        if self.zca_whitening:
            if self.principal_components is not None:
                whitex = np.dot(np.reshape(x, (x.size,)), self.principal_components)
                x = np.reshape(whitex, x.shape)
            else:
                self._warn_unfit('zca_whitening')
        return x

    def random_transform(self, x):
        """One random affine transform, channel shift and flips of a 3D image.

        keras 1.2.2 ImageDataGenerator.random_transform: draws rotation, height
        shift, width shift, shear, zoom (2 values), channel shifts, then the
        flips, each only when enabled, and always resamples.
        """
        img_row_axis = self.row_axis - 1
        img_col_axis = self.col_axis - 1
        img_channel_axis = self.channel_axis - 1

        theta = np.pi / 180 * np.random.uniform(-self.rotation_range, self.rotation_range) \
            if self.rotation_range else 0
        tx = np.random.uniform(-self.height_shift_range, self.height_shift_range) * x.shape[img_row_axis] \
            if self.height_shift_range else 0
        ty = np.random.uniform(-self.width_shift_range, self.width_shift_range) * x.shape[img_col_axis] \
            if self.width_shift_range else 0
        shear = np.random.uniform(-self.shear_range, self.shear_range) if self.shear_range else 0
        if self.zoom_range[0] == 1 and self.zoom_range[1] == 1:
            zx, zy = 1, 1
        else:
            zx, zy = np.random.uniform(self.zoom_range[0], self.zoom_range[1], 2)

        translation_matrix = np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
        transform_matrix = np.dot(np.dot(np.dot(_rotation_matrix(theta), translation_matrix),
                                         _shear_matrix(shear)), _diag_matrix(zx, zy))
        h, w = x.shape[img_row_axis], x.shape[img_col_axis]
        transform_matrix = transform_matrix_offset_center(transform_matrix, h, w)
        x = apply_transform(x, transform_matrix, img_channel_axis, fill_mode=self.fill_mode, cval=self.cval)
        if self.channel_shift_range != 0:
            x = random_channel_shift(x, self.channel_shift_range, img_channel_axis)
        if self.horizontal_flip and np.random.random() < 0.5:
            x = flip_axis(x, img_col_axis)
        if self.vertical_flip and np.random.random() < 0.5:
            x = flip_axis(x, img_row_axis)
        return x

    def fit(self, x, augment=False, rounds=1, seed=None):
        """Dataset statistics for featurewise centring/normalisation and ZCA (keras 1.2.2 ImageDataGenerator.fit)."""
        x = np.asarray(x, dtype=K.floatx())
        if x.ndim != 4:
            raise ValueError('Input to `.fit()` should have rank 4. Got array with shape: ' + str(x.shape))
        _check_channels(x, self.dim_ordering, self.channel_axis, '`.fit()`')
        if seed is not None:
            np.random.seed(seed)
        x = np.copy(x)
        if augment:
            ax = np.zeros((rounds * x.shape[0],) + x.shape[1:], dtype=K.floatx())
            for r in range(rounds):
                for i in range(x.shape[0]):
                    ax[i + r * x.shape[0]] = self.random_transform(x[i])
            x = ax
        broadcast_shape = [1, 1, 1]
        broadcast_shape[self.channel_axis - 1] = x.shape[self.channel_axis]
        if self.featurewise_center:
            self.mean = np.reshape(np.mean(x, axis=(0, self.row_axis, self.col_axis)), broadcast_shape)
            x -= self.mean
        if self.featurewise_std_normalization:
            self.std = np.reshape(np.std(x, axis=(0, self.row_axis, self.col_axis)), broadcast_shape)
            x /= (self.std + K.epsilon())
        if self.zca_whitening:
            flat_x = np.reshape(x, (x.shape[0], -1))
            sigma = np.dot(flat_x.T, flat_x) / flat_x.shape[0]
            u, s, _ = np.linalg.svd(sigma)
            self.principal_components = np.dot(np.dot(u, np.diag(1. / np.sqrt(s + 10e-7))), u.T)


def _check_channels(x, dim_ordering, channels_axis, who):
    if x.shape[channels_axis] not in {1, 3, 4}:
        raise ValueError(
            '%s expects images following the dimension ordering convention "%s" (channels on axis %d), '
            'i.e. 1, 3 or 4 channels on axis %d, but got an array with shape %s (%d channels). Pass '
            'dim_ordering= or transpose the data.'
            % (who, dim_ordering, channels_axis, channels_axis, x.shape, x.shape[channels_axis]))


class Iterator(object):
    """Thread-safe batch-index stream (keras 1.2.2 image.Iterator).

    With ``seed``, ``np.random`` is reseeded with ``seed + total_batches_seen``
    before every batch, as Keras 1 did, so augmentation is reproducible too.
    ``n`` (alias ``N``) is the sample count, ``batch_size`` the batch size.
    """

    def __init__(self, n, batch_size, shuffle, seed):
        if n <= 0:
            raise ValueError('An image iterator needs at least one sample; got %d.' % n)
        self.n = n
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.batch_index = 0
        self.total_batches_seen = 0
        self.lock = threading.Lock()
        self.index_generator = self._flow_index(n, batch_size, shuffle, seed)

    @property
    def N(self):
        """Keras 1.0/1.1 name of ``n``."""
        return self.n

    def reset(self):
        self.batch_index = 0

    def _flow_index(self, n, batch_size=32, shuffle=False, seed=None):
        """Yield (indices, first position, batch size); the last batch of an epoch may be short."""
        self.reset()
        while True:
            if seed is not None:
                np.random.seed(seed + self.total_batches_seen)
            if self.batch_index == 0:
                index_array = np.random.permutation(n) if shuffle else np.arange(n)
            current_index = (self.batch_index * batch_size) % n
            if n >= current_index + batch_size:
                current_batch_size = batch_size
                self.batch_index += 1
            else:
                current_batch_size = n - current_index
                self.batch_index = 0
            self.total_batches_seen += 1
            yield (index_array[current_index: current_index + current_batch_size],
                   current_index, current_batch_size)

    def __iter__(self):
        return self

    def __next__(self, *args, **kwargs):
        return self.next(*args, **kwargs)

    def _next_indices(self):
        # Only the index bookkeeping is locked; images are transformed outside the lock.
        with self.lock:
            return next(self.index_generator)

    def _save_batch(self, batch_x, current_index, current_batch_size):
        # keras 1.2.2: '<prefix>_<index>_<random 0..9999>.<format>', drawing from np.random
        for i in range(current_batch_size):
            img = array_to_img(batch_x[i], self.dim_ordering, scale=True)
            fname = '{prefix}_{index}_{hash}.{format}'.format(prefix=self.save_prefix, index=current_index + i,
                                                              hash=np.random.randint(10000),
                                                              format=self.save_format)
            img.save(os.path.join(self.save_to_dir, fname))


class NumpyArrayIterator(Iterator):
    """Batches from in-memory arrays (keras 1.2.2 image.NumpyArrayIterator)."""

    def __init__(self, x, y, image_data_generator, batch_size=32, shuffle=False, seed=None,
                 dim_ordering='default', save_to_dir=None, save_prefix='', save_format='jpeg'):
        if y is not None and len(x) != len(y):
            raise ValueError('X (images tensor) and y (labels) should have the same length. '
                             'Found: X.shape = %s, y.shape = %s' % (np.asarray(x).shape, np.asarray(y).shape))
        dim_ordering = _dim_ordering(dim_ordering)
        self.x = np.asarray(x, dtype=K.floatx())
        if self.x.ndim != 4:
            raise ValueError('Input data in `NumpyArrayIterator` should have rank 4. You passed an array '
                             'with shape %s' % (self.x.shape,))
        _check_channels(self.x, dim_ordering, 3 if dim_ordering == 'tf' else 1, 'NumpyArrayIterator')
        self.y = np.asarray(y) if y is not None else None
        self.image_data_generator = image_data_generator
        self.dim_ordering = dim_ordering
        self.save_to_dir = save_to_dir
        self.save_prefix = save_prefix
        self.save_format = save_format
        super(NumpyArrayIterator, self).__init__(self.x.shape[0], batch_size, shuffle, seed)

    def next(self):
        """The next ``batch_x`` or ``(batch_x, batch_y)``."""
        index_array, current_index, current_batch_size = self._next_indices()
        batch_x = np.zeros((current_batch_size,) + self.x.shape[1:], dtype=K.floatx())
        for i, j in enumerate(index_array):
            x = self.image_data_generator.random_transform(self.x[j].astype(K.floatx()))
            batch_x[i] = self.image_data_generator.standardize(x)
        if self.save_to_dir:
            self._save_batch(batch_x, current_index, current_batch_size)
        if self.y is None:
            return batch_x
        return batch_x, self.y[index_array]


_IMAGE_EXTENSIONS = ('png', 'jpg', 'jpeg', 'bmp')  # keras 1.2.2 DirectoryIterator white_list_formats
_CLASS_MODES = ('categorical', 'binary', 'sparse', None)
_COLOR_CHANNELS = {'rgb': 3, 'grayscale': 1}


def _batch_labels_categorical(classes, nb_class):
    y = np.zeros((len(classes), nb_class), dtype=K.floatx())
    y[np.arange(len(classes)), classes] = 1.
    return y


# keras 1.2.2 DirectoryIterator.next: labels per class_mode
_LABELS = {
    'sparse': lambda classes, nb_class: classes,
    'binary': lambda classes, nb_class: classes.astype(K.floatx()),
    'categorical': _batch_labels_categorical,
}


class DirectoryIterator(Iterator):
    """Batches of images from ``directory/<class>/...`` (keras 1.2.2 image.DirectoryIterator).

    Classes are the sorted subfolders unless ``classes`` lists them; files
    are walked in sorted folder order as Keras 1 did.
    """

    def __init__(self, directory, image_data_generator, target_size=(256, 256), color_mode='rgb',
                 dim_ordering='default', classes=None, class_mode='categorical', batch_size=32,
                 shuffle=True, seed=None, save_to_dir=None, save_prefix='', save_format='jpeg',
                 follow_links=False):
        dim_ordering = _dim_ordering(dim_ordering)
        if not os.path.isdir(directory):
            raise ValueError('flow_from_directory: %r is not a folder (expected one subfolder per class).'
                             % (directory,))
        self.directory = directory
        self.image_data_generator = image_data_generator
        self.target_size = tuple(target_size)
        if color_mode not in _COLOR_CHANNELS:
            raise ValueError('Invalid color mode: %r; expected "rgb" or "grayscale".' % (color_mode,))
        self.color_mode = color_mode
        self.dim_ordering = dim_ordering
        channels = (_COLOR_CHANNELS[color_mode],)
        self.image_shape = self.target_size + channels if dim_ordering == 'tf' else channels + self.target_size
        if class_mode not in _CLASS_MODES:
            raise ValueError('Invalid class_mode: %r; expected one of "categorical", "binary", "sparse", '
                             'or None.' % (class_mode,))
        self.class_mode = class_mode
        self.save_to_dir = save_to_dir
        self.save_prefix = save_prefix
        self.save_format = save_format

        if not classes:
            classes = [d for d in sorted(os.listdir(directory)) if os.path.isdir(os.path.join(directory, d))]
        self.nb_class = len(classes)
        self.class_indices = dict(zip(classes, range(len(classes))))

        self.filenames = []
        labels = []
        for subdir in classes:
            subpath = os.path.join(directory, subdir)
            for root, _, files in sorted(os.walk(subpath, followlinks=follow_links), key=lambda t: t[0]):
                for fname in files:
                    if fname.lower().endswith(tuple('.' + e for e in _IMAGE_EXTENSIONS)):
                        labels.append(self.class_indices[subdir])
                        self.filenames.append(os.path.relpath(os.path.join(root, fname), directory))
        self.nb_sample = len(self.filenames)
        self.classes = np.array(labels, dtype='int32')
        print('Found %d images belonging to %d classes.' % (self.nb_sample, self.nb_class))
        super(DirectoryIterator, self).__init__(self.nb_sample, batch_size, shuffle, seed)

    def next(self):
        """The next ``(batch_x, batch_y)``, or ``batch_x`` when ``class_mode`` is None."""
        index_array, current_index, current_batch_size = self._next_indices()
        batch_x = np.zeros((current_batch_size,) + self.image_shape, dtype=K.floatx())
        grayscale = self.color_mode == 'grayscale'
        for i, j in enumerate(index_array):
            img = load_img(os.path.join(self.directory, self.filenames[j]), grayscale=grayscale,
                           target_size=self.target_size)
            x = img_to_array(img, dim_ordering=self.dim_ordering)
            x = self.image_data_generator.random_transform(x)
            batch_x[i] = self.image_data_generator.standardize(x)
        if self.save_to_dir:
            self._save_batch(batch_x, current_index, current_batch_size)
        if self.class_mode is None:
            return batch_x
        return batch_x, _LABELS[self.class_mode](self.classes[index_array], self.nb_class)
