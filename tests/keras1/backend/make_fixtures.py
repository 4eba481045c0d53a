"""Write keras 1.2.2 backend fixtures with the real Keras 1.2.2 (Theano) oracle.

usage: /tmp/keras1-oracle/run tests/keras1/backend/make_fixtures.py [OUT_DIR]
(default OUT_DIR: tests/fixtures/backend). Python 3.7 / keras 1.2.2 / Theano.

Writes:
- cases.json: one entry per call-table case: name, fn (a keras.backend
  function), kwargs, which inputs are ints; tests/test_backend.py replays
  each as K.fn(*inputs, **kwargs) with inputs as K.variable.
- cases.npz: NAME__inI inputs and NAME__outJ outputs of each case.
- special.npz: cases that need code (rnn step functions, seeded random
  variables, K.function).
"""
import json
import os
import sys

import numpy as np
from keras import backend as K

assert K.backend() == 'theano' and K.image_dim_ordering() == 'th'
rng = np.random.RandomState(1234)


def f32(*shape):
    return rng.randn(*shape).astype('float32')


def pos(*shape):
    return rng.uniform(0.05, 1.0, size=shape).astype('float32')


def ints(high, *shape):
    return rng.randint(0, high, size=shape).astype('int32')


CASES = []


def case(name, fn, inputs, int_inputs=(), **kwargs):
    CASES.append(dict(name=name, fn=fn, inputs=inputs, int_inputs=list(int_inputs), kwargs=kwargs))


# --- linear algebra
case('dot_2d', 'dot', [f32(2, 3), f32(3, 4)])
case('dot_2d_3d', 'dot', [f32(2, 3), f32(4, 3, 5)])
case('dot_3d_2d', 'dot', [f32(2, 3, 4), f32(4, 5)])
case('dot_3d_3d', 'dot', [f32(2, 3, 4), f32(5, 4, 6)])
case('batch_dot_2d_int', 'batch_dot', [f32(4, 5), f32(4, 5)], axes=1)
case('batch_dot_3d_default', 'batch_dot', [f32(4, 3, 5), f32(4, 5, 2)])
case('batch_dot_3d_22', 'batch_dot', [f32(4, 3, 5), f32(4, 2, 5)], axes=[2, 2])
case('batch_dot_3d_11', 'batch_dot', [f32(4, 3, 5), f32(4, 3, 2)], axes=[1, 1])
case('batch_dot_3d_21', 'batch_dot', [f32(4, 3, 5), f32(4, 5, 2)], axes=[2, 1])
case('batch_dot_3d_12', 'batch_dot', [f32(4, 5, 3), f32(4, 2, 5)], axes=[1, 2])
case('batch_dot_2d_3d_12', 'batch_dot', [f32(4, 5), f32(4, 6, 5)], axes=[1, 2])
case('batch_dot_2d_3d_11', 'batch_dot', [f32(4, 5), f32(4, 5, 6)], axes=[1, 1])
case('batch_dot_4d_3d', 'batch_dot', [f32(2, 3, 4, 5), f32(2, 5, 6)], axes=[3, 1])
case('transpose', 'transpose', [f32(3, 4)])
case('gather', 'gather', [f32(5, 3), ints(5, 4)], int_inputs=[1])
# --- reductions
for fn in ('max', 'min', 'sum', 'prod', 'mean', 'std', 'var'):
    case(fn + '_all', fn, [f32(3, 4)])
    case(fn + '_axis1_keep', fn, [f32(2, 3, 4)], axis=1, keepdims=True)
    case(fn + '_axis_neg', fn, [f32(2, 3, 4)], axis=-1)
case('mean_int', 'mean', [ints(7, 3, 4)], int_inputs=[0], axis=0)
case('any_axis', 'any', [ints(2, 3, 4)], int_inputs=[0], axis=1)
case('all_axis', 'all', [ints(2, 3, 4)], int_inputs=[0], axis=0)
case('argmax', 'argmax', [f32(3, 5)])
case('argmin_axis0', 'argmin', [f32(3, 5)], axis=0)
# --- element-wise
for fn in ('square', 'abs', 'sqrt', 'exp', 'sign', 'sin', 'cos', 'tanh', 'sigmoid',
           'hard_sigmoid', 'softplus', 'softsign', 'softmax', 'elu'):
    case(fn, fn, [f32(3, 4) * 2])
case('log', 'log', [pos(3, 4)])
case('round_half_even', 'round', [np.array([[-2.5, -1.5, -0.5, 0.5], [1.5, 2.5, 0.4, 0.6]], 'float32')])
case('pow', 'pow', [pos(3, 4)], a=2.5)
case('clip', 'clip', [f32(3, 4)], min_value=-0.5, max_value=0.7)
case('clip_max_below_min', 'clip', [f32(3, 4)], min_value=0.2, max_value=-0.3)
case('clip_max_none', 'clip', [f32(3, 4)], min_value=0.0, max_value=None)
for fn in ('equal', 'not_equal', 'greater', 'greater_equal', 'lesser', 'lesser_equal',
           'maximum', 'minimum'):
    a = np.round(f32(3, 4))
    case(fn, fn, [a, np.where(rng.rand(3, 4) > 0.5, a, np.round(f32(3, 4)))])
case('relu', 'relu', [f32(3, 4)])
case('relu_alpha_max', 'relu', [f32(3, 4) * 3], alpha=0.1, max_value=1.5)
case('elu_alpha', 'elu', [f32(3, 4)], alpha=0.5)
case('l2_normalize', 'l2_normalize', [f32(3, 4)], axis=1)
case('l2_normalize_axis0', 'l2_normalize', [f32(3, 4)], axis=0)
# --- losses (Keras 1 order: output, target)
case('cce', 'categorical_crossentropy', [pos(4, 5), np.eye(5, dtype='float32')[[0, 3, 1, 4]]])
case('cce_3d', 'categorical_crossentropy', [pos(2, 3, 5), np.eye(5, dtype='float32')[ints(5, 2, 3)]])
case('cce_logits', 'categorical_crossentropy', [f32(4, 5), np.eye(5, dtype='float32')[[2, 3, 1, 0]]],
     from_logits=True)
case('scce', 'sparse_categorical_crossentropy', [pos(4, 5), ints(5, 4, 1)], int_inputs=[1])
case('bce', 'binary_crossentropy', [rng.uniform(0, 1, (4, 3)).astype('float32'),
                                    ints(2, 4, 3).astype('float32')])
case('bce_extreme', 'binary_crossentropy', [np.array([[0., 1., 0.5]], 'float32'),
                                            np.array([[1., 0., 1.]], 'float32')])
case('bce_logits', 'binary_crossentropy', [f32(4, 3), ints(2, 4, 3).astype('float32')],
     from_logits=True)
# --- batch normalization
# (1-D parameters fail in keras 1.2.2 + Theano 1.0 on Python 3: range() axes)
case('batch_normalization_2d', 'batch_normalization',
     [f32(4, 3), f32(1, 3), pos(1, 3), f32(1, 3), f32(1, 3)], epsilon=1e-3)
case('batch_normalization_4d', 'batch_normalization',
     [f32(2, 3, 4, 4), f32(1, 3, 1, 1), pos(1, 3, 1, 1), f32(1, 3, 1, 1), f32(1, 3, 1, 1)],
     epsilon=1e-3)
case('normalize_batch_2d', 'normalize_batch_in_training', [f32(6, 3), pos(3), f32(3)],
     reduction_axes=[0], epsilon=1e-3)
case('normalize_batch_4d', 'normalize_batch_in_training', [f32(2, 3, 4, 4), pos(3), f32(3)],
     reduction_axes=[0, 2, 3], epsilon=1e-3)
# --- shapes
case('concatenate', 'concatenate', [[f32(2, 3), f32(2, 4)]], axis=-1)
case('reshape', 'reshape', [f32(2, 3, 4)], shape=(2, 12))
case('reshape_minus1', 'reshape', [f32(2, 3, 4)], shape=(-1, 4))
case('permute', 'permute_dimensions', [f32(2, 3, 4)], pattern=(0, 2, 1))
case('repeat_elements', 'repeat_elements', [f32(2, 3, 4)], rep=3, axis=1)
case('resize_images_th', 'resize_images', [f32(2, 3, 2, 3)], height_factor=2, width_factor=3,
     dim_ordering='th')
case('resize_images_tf', 'resize_images', [f32(2, 2, 3, 3)], height_factor=3, width_factor=2,
     dim_ordering='tf')
case('resize_volumes_th', 'resize_volumes', [f32(1, 2, 2, 2, 3)], depth_factor=2,
     height_factor=1, width_factor=2, dim_ordering='th')
case('repeat', 'repeat', [f32(2, 3)], n=4)
case('tile_list', 'tile', [f32(2, 3)], n=[2, 3])
case('tile_int', 'tile', [f32(2, 3)], n=2)
case('flatten', 'flatten', [f32(2, 3, 4)])
case('batch_flatten', 'batch_flatten', [f32(2, 3, 4)])
case('expand_dims', 'expand_dims', [f32(2, 3)])
case('expand_dims_1', 'expand_dims', [f32(2, 3)], dim=1)
case('squeeze', 'squeeze', [f32(2, 1, 3)], axis=1)
case('temporal_padding', 'temporal_padding', [f32(2, 3, 4)], padding=2)
case('asym_temporal_padding', 'asymmetric_temporal_padding', [f32(2, 3, 4)], left_pad=1,
     right_pad=3)
case('spatial_2d_padding_th', 'spatial_2d_padding', [f32(1, 2, 3, 3)], padding=(1, 2))
case('spatial_2d_padding_tf', 'spatial_2d_padding', [f32(1, 3, 3, 2)], padding=(2, 1),
     dim_ordering='tf')
case('asym_spatial_2d_padding', 'asymmetric_spatial_2d_padding', [f32(1, 2, 3, 3)],
     top_pad=0, bottom_pad=2, left_pad=1, right_pad=3)
case('spatial_3d_padding', 'spatial_3d_padding', [f32(1, 2, 2, 2, 2)], padding=(1, 0, 2))
case('one_hot', 'one_hot', [ints(4, 2, 3)], int_inputs=[0], nb_classes=4)
case('reverse', 'reverse', [f32(2, 3, 4)], axes=[1, 2])
case('reverse_int', 'reverse', [f32(2, 3)], axes=0)
case('stack', 'stack', [[f32(2, 3), f32(2, 3), f32(2, 3)]])
case('in_top_k', 'in_top_k', [f32(4, 6), ints(6, 4)], int_inputs=[1], k=2)
case('switch', 'switch', [ints(2, 3, 4), f32(3, 4), f32(3, 4)], int_inputs=[0])
# --- convolutions ('th' kernels: (out, in, rows, cols)); Theano flips kernels
for bm in ('valid', 'same', 'full'):
    for ks in ((3, 3), (2, 2), (4, 3)):
        for st in ((1, 1), (2, 2)):
            if bm == 'full' and st != (1, 1):
                continue
            case('conv2d_%s_k%d%d_s%d' % (bm, ks[0], ks[1], st[0]), 'conv2d',
                 [f32(2, 3, 7, 8), f32(4, 3, ks[0], ks[1])], strides=st, border_mode=bm)
case('conv2d_tf_same_k3_s1', 'conv2d', [f32(2, 7, 8, 3), f32(3, 3, 3, 4)], border_mode='same',
     dim_ordering='tf')
case('conv2d_dilated', 'conv2d', [f32(2, 3, 9, 9), f32(4, 3, 3, 3)], border_mode='valid',
     filter_dilation=(2, 2))
case('conv2d_dilated_same', 'conv2d', [f32(2, 3, 9, 9), f32(4, 3, 3, 3)], border_mode='same',
     filter_dilation=(2, 2))
case('conv3d_valid', 'conv3d', [f32(1, 2, 5, 6, 4), f32(3, 2, 3, 2, 3)], border_mode='valid')
case('conv3d_same', 'conv3d', [f32(1, 2, 5, 6, 4), f32(3, 2, 3, 2, 3)], border_mode='same')
case('conv3d_valid_s2', 'conv3d', [f32(1, 2, 5, 6, 4), f32(3, 2, 3, 3, 3)], border_mode='valid',
     strides=(2, 2, 2))
# Keras 1 Deconvolution2D: W (nb_filter, stack, rows, cols), x has `stack` channels
case('deconv2d_valid_s1', 'deconv2d', [f32(2, 3, 5, 5), f32(4, 3, 3, 3)],
     output_shape=(2, 4, 7, 7), border_mode='valid', filter_shape=(4, 3, 3, 3))
case('deconv2d_valid_s2', 'deconv2d', [f32(2, 3, 4, 4), f32(4, 3, 3, 3)],
     output_shape=(2, 4, 9, 9), strides=(2, 2), border_mode='valid', filter_shape=(4, 3, 3, 3))
case('deconv2d_same_s1', 'deconv2d', [f32(2, 3, 5, 5), f32(4, 3, 3, 3)],
     output_shape=(2, 4, 5, 5), border_mode='same', filter_shape=(4, 3, 3, 3))
# --- pooling
for mode in ('max', 'avg'):
    for bm in ('valid', 'same'):
        for ps, st in (((2, 2), (2, 2)), ((3, 3), (1, 1)), ((3, 3), (2, 2)), ((2, 2), (1, 1)),
                       ((4, 4), (2, 2)), ((3, 2), (2, 1))):
            case('pool2d_%s_%s_p%d%d_s%d%d' % (mode, bm, ps[0], ps[1], st[0], st[1]), 'pool2d',
                 [f32(2, 3, 7, 8)], pool_size=ps, strides=st, border_mode=bm, pool_mode=mode)
    case('pool3d_%s_valid' % mode, 'pool3d', [f32(1, 2, 5, 6, 4)], pool_size=(2, 2, 2),
         strides=(2, 2, 2), border_mode='valid', pool_mode=mode)
    case('pool3d_%s_same' % mode, 'pool3d', [f32(1, 2, 5, 6, 4)], pool_size=(3, 2, 3),
         strides=(2, 2, 1), border_mode='same', pool_mode=mode)
case('pool2d_tf_same', 'pool2d', [f32(2, 7, 8, 3)], pool_size=(2, 2), strides=(2, 2),
     border_mode='same', dim_ordering='tf')


def tuplify(obj):
    if isinstance(obj, list):
        return tuple(tuplify(o) for o in obj)
    return obj


def to_tensor(a, is_int):
    if isinstance(a, list):
        return [K.variable(x) for x in a]
    return K.variable(a, dtype='int32' if is_int else None)


def run_cases(out_dir):
    arrays, meta = {}, []
    for c in CASES:
        args = [to_tensor(a, i in c['int_inputs']) for i, a in enumerate(c['inputs'])]
        if c['fn'] == 'batch_normalization':
            # Theano reads the normalised axes from the parameters' broadcastable
            # pattern; Keras 1's BatchNormalization reshapes them, as here.
            args = args[:1] + [K.reshape(a, a.get_value().shape) for a in args[1:]]
        kwargs = {k: tuplify(v) for k, v in c['kwargs'].items()}
        out = getattr(K, c['fn'])(*args, **kwargs)
        outs = out if isinstance(out, (tuple, list)) else [out]
        for i, a in enumerate(c['inputs']):
            if isinstance(a, list):
                for j, x in enumerate(a):
                    arrays['%s__in%d_%d' % (c['name'], i, j)] = x
            else:
                arrays['%s__in%d' % (c['name'], i)] = a
        for j, o in enumerate(outs):
            arrays['%s__out%d' % (c['name'], j)] = np.asarray(K.eval(o))
        meta.append(dict(name=c['name'], fn=c['fn'], kwargs=c['kwargs'],
                         int_inputs=c['int_inputs'], n_out=len(outs),
                         list_inputs=[len(a) if isinstance(a, list) else 0 for a in c['inputs']]))
    np.savez_compressed(os.path.join(out_dir, 'cases.npz'), **arrays)
    with open(os.path.join(out_dir, 'cases.json'), 'w') as f:
        json.dump(meta, f, indent=0)


def rnn_step(W, U):
    def step(x, states):
        h = K.tanh(K.dot(x, W) + K.dot(states[0], U))
        return h, [h]
    return step


def run_special(out_dir):
    s = {}
    # rnn: samples 3, time 5, input 4, units 2; mask with gaps and a leading 0
    x, W, U, h0 = f32(3, 5, 4), f32(4, 2) * 0.5, f32(2, 2) * 0.5, f32(3, 2) * 0.1
    mask = np.array([[1, 1, 1, 1, 1], [0, 1, 1, 0, 1], [1, 1, 0, 0, 0]], 'float32')
    s.update(rnn_x=x, rnn_W=W, rnn_U=U, rnn_h0=h0, rnn_mask=mask)
    step = rnn_step(K.variable(W), K.variable(U))
    for tag, kw in (('plain', {}), ('back', dict(go_backwards=True)),
                    ('mask', dict(mask=K.variable(mask))),
                    ('mask_back', dict(mask=K.variable(mask), go_backwards=True)),
                    ('mask_unroll', dict(mask=K.variable(mask), unroll=True, input_length=5))):
        last, outs, states = K.rnn(step, K.variable(x), [K.variable(h0)], **kw)
        s['rnn_%s_last' % tag] = K.eval(last)
        s['rnn_%s_outputs' % tag] = K.eval(outs)
        s['rnn_%s_state' % tag] = K.eval(states[0])
    # seeded numpy-backed random variables (Theano backend draws with np.random)
    np.random.seed(77)
    s['rand_uniform_var'] = K.eval(K.random_uniform_variable((3, 4), -2., 3.))
    s['rand_normal_var'] = K.eval(K.random_normal_variable((3, 4), 5., 2.))  # mean ignored!
    # K.function with the learning phase and a dropout in train phase
    xp = K.placeholder(shape=(None, 3))
    f = K.function([xp, K.learning_phase()], [K.in_train_phase(xp * 2., xp - 1.)])
    xv = f32(2, 3)
    s['phase_x'] = xv
    s['phase_train'] = f([xv, 1])[0]
    s['phase_test'] = f([xv, 0])[0]
    np.savez_compressed(os.path.join(out_dir, 'special.npz'), **s)


if __name__ == '__main__':
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'backend')
    os.makedirs(out_dir, exist_ok=True)
    run_cases(out_dir)
    run_special(out_dir)
    print('wrote %d cases to %s' % (len(CASES), out_dir))
