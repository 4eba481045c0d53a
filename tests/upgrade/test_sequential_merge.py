"""Before/after tests: Sequential Merge of Sequentials -> a functional Model."""
from compat.upgrade.fixers import SequentialMerge

from textwrap import dedent

SRC = dedent('''\
    from keras.models import Sequential
    from keras.layers import Merge, GRU, Dense
    # merged model
    model = Sequential()
    model.add(Merge([image_model, language_model], mode='concat', concat_axis=-1))
    # encode
    model.add(GRU(256, return_sequences=False))
    model.add(Dense(10))  # logits
    model.compile(loss='mse', optimizer='sgd')
    ''')


def test_seed_pattern(run):
    new, entries = run(SRC, SequentialMerge)
    assert new == dedent('''\
        from keras.models import Sequential
        from keras.layers import Merge, GRU, Dense
        # merged model
        x = concatenate([image_model.outputs[0], language_model.outputs[0]], axis=-1)
        # encode
        x = GRU(256, return_sequences=False)(x)
        x = Dense(10)(x)  # logits
        model = Model(inputs=[*image_model.inputs, *language_model.inputs], outputs=x)
        model.compile(loss='mse', optimizer='sgd')
        ''')
    assert [e.severity for e in entries] == ['change']


def test_merge_sum_only_inside_function(run):
    new, _ = run(dedent('''\
        from keras.models import Sequential
        from keras.layers import Merge
        def f(a, b, x):
            s = Sequential()
            s.add(Merge([a, b], mode='sum'))
            return s
        '''), SequentialMerge)
    assert new.splitlines()[3:] == [
        '    s_x = add([a.outputs[0], b.outputs[0]])',
        '    s = Model(inputs=[*a.inputs, *b.inputs], outputs=s_x)',
        '    return s']


def test_unresolvable_merge_warns(run):
    src = dedent('''\
        from keras.models import Sequential
        from keras.layers import Merge
        m = Sequential()
        m.add(Merge(branches, mode='concat'))
        ''')
    new, entries = run(src, SequentialMerge)
    assert new == src
    assert [e.severity for e in entries] == ['warning']


def test_branches_given_as_calls_and_nested_merges(run):
    # keras 1.2.2 Merge takes any list of models: calls are bound to variables first (in order)
    new, entries = run(dedent('''\
        from keras.models import Sequential
        from keras.layers import Merge, Dense
        def build():
            mx = Sequential()
            mx.add(Merge([branch(3), branch(4)], mode='max'))
            model = Sequential()
            model.add(Merge([mx, other], mode='concat'))
            model.add(Dense(3))
            return model
        '''), SequentialMerge)
    assert new == dedent('''\
        from keras.models import Sequential
        from keras.layers import Merge, Dense
        def build():
            mx_branch0 = branch(3)
            mx_branch1 = branch(4)
            x = maximum([mx_branch0.outputs[0], mx_branch1.outputs[0]])
            mx = Model(inputs=[*mx_branch0.inputs, *mx_branch1.inputs], outputs=x)
            model_x = concatenate([mx.outputs[0], other.outputs[0]])
            model_x = Dense(3)(model_x)
            model = Model(inputs=[*mx.inputs, *other.inputs], outputs=model_x)
            return model
        ''')
    assert [e.severity for e in entries] == ['change', 'change']


def test_shared_branch_inputs_listed_once(run):
    # keras 1.2.2 examples/babi_memnn.py: question_encoder feeds two Merges; Keras 1's
    # Sequential.add took get_source_inputs(output): each input once, first-seen order
    new, entries = run(dedent('''\
        from keras.models import Sequential
        from keras.layers import Merge, Dense
        match = Sequential()
        match.add(Merge([enc_m, question], mode='dot', dot_axes=[2, 2]))
        response = Sequential()
        response.add(Merge([match, enc_c], mode='sum'))
        answer = Sequential()
        answer.add(Merge([response, question], mode='concat', concat_axis=-1))
        answer.add(Dense(3))
        '''), SequentialMerge)
    lines = [l for l in new.splitlines() if 'Model(' in l]
    assert lines == [
        'match = Model(inputs=[*enc_m.inputs, *question.inputs], outputs=x)',
        'response = Model(inputs=[*match.inputs, *enc_c.inputs], outputs=response_x)',
        'answer = Model(inputs=[*enc_m.inputs, *question.inputs, *enc_c.inputs], outputs=answer_x)']
    assert sum('listed once each' in e.message for e in entries) == 1
