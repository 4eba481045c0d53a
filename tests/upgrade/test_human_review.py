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
