"""Warnings for code a human must port."""
from compat.upgrade.fixers import HumanReview

from textwrap import dedent


def test_custom_layer_lambda_backend_theano(run):
    src = dedent('''\
        import theano
        from keras import backend as K
        from keras.engine.topology import Layer
        from keras.layers import Lambda
        class My(Layer):
            def get_output_shape_for(self, s):
                return s
        l = Lambda(lambda x: K.batch_dot(x, x, axes=1))
        s = K.sum(x, axis=1)
        f = K.function([m.input, K.learning_phase()], [m.output])
        e = K.epsilon()
        ''')
    new, entries = run(src, HumanReview)
    assert new == src
    msgs = [e.message for e in entries]
    assert all(e.severity == 'warning' for e in entries)
    assert any('Theano' in m for m in msgs)
    assert any('custom layer My' in m and 'compute_output_shape' in m for m in msgs)
    assert any('K.batch_dot inside a Lambda' in m for m in msgs)
    assert not any('K.sum' in m for m in msgs)     # rewritten by backend_ops (table.BACKEND_OPS)
    assert any('K.function' in m for m in msgs) and any('learning_phase' in m for m in msgs)
    assert not any('epsilon' in m for m in msgs)      # keras.backend.epsilon exists in Keras 3


def _keras_names(text):
    import re
    return re.findall(r'\b((?:keras|tensorflow)(?:\.\w+)+)', text)


def test_every_suggested_name_exists_in_keras3():
    """Each keras.*/tensorflow.* name a warning or a rewrite suggests resolves (keras 3)."""
    import importlib
    from compat.upgrade import table
    from compat.upgrade.fixers import human_review
    texts = list(human_review.SPECIAL.values()) + list(human_review.SUGGESTIONS.values())
    texts += [f'keras.{op.module}.{op.keras3}' for op in table.BACKEND_OPS.values()]
    texts += [t.format(ordering='th', data_format='channels_first')
              for t in table.IMAGE_ORDERING_CALLS.values()]
    names = {n for t in texts for n in _keras_names(t)}
    assert 'keras.ops.normalize' in names and 'keras.random.normal' in names
    for name in sorted(names):
        root, *attrs = name.split('.')
        obj = importlib.import_module(root)
        for a in attrs:
            assert hasattr(obj, a), f'{name} does not exist'
            obj = getattr(obj, a)


def test_unknown_backend_function_names_no_keras3_function(run):
    _, entries = run('from keras import backend as K\ny = K.foo(x)\nz = K.batch_dot(a, b)\n',
                     HumanReview)
    assert 'keras.ops.foo' not in entries[0].message and 'by hand' in entries[0].message
    assert 'keras.ops.einsum' in entries[1].message


def test_keras1_only_base_classes_are_named_for_a_human(run):
    src = dedent('''\
        from keras.layers.recurrent import Recurrent
        from keras.layers.wrappers import Wrapper
        class ContextRNN(Recurrent):
            def step(self, x, states):
                return x, [x]
        class Residual(Wrapper):
            pass
        ''')
    new, entries = run(src, HumanReview)
    assert new == src
    msgs = [e.message for e in entries]
    assert any('custom layer ContextRNN' in m and 'keras.layers.RNN' in m for m in msgs), msgs
    assert any('custom layer Residual' in m and 'Wrapper' in m for m in msgs), msgs


def test_loss_function_reading_model_tensors(run):
    # keras 1.2.2 examples/variational_autoencoder.py
    src = dedent('''\
        from keras import backend as K
        from keras.layers import Input, Dense
        from keras.models import Model
        x = Input(shape=(4,))
        h = Dense(3)(x)
        z_mean = Dense(2)(h)
        z_log_var = Dense(2)(h)
        out = Dense(4)(z_mean)
        def vae_loss(x, x_decoded_mean):
            kl = K.sum(z_log_var - K.square(z_mean), axis=-1)
            return K.mean(K.square(x - x_decoded_mean), axis=-1) + kl
        def plain(y_true, y_pred):
            scale = 2.
            return K.mean(K.square(y_true - y_pred), axis=-1) * scale
        vae = Model(x, out)
        vae.compile(optimizer='rmsprop', loss=vae_loss, metrics=[plain])
        ''')
    new, entries = run(src, HumanReview)
    assert new == src
    msgs = [e.message for e in entries if 'loss function' in e.message or 'metrics function' in e.message]
    assert len(msgs) == 1 and 'vae_loss reads model tensors z_log_var, z_mean' in msgs[0]
    assert 'add_loss' in msgs[0]
