"""The application parity cases: which Keras 1.2.2 model, ordering, top and input size each fixture holds.

Read by make_fixtures.py (Keras 1.2.2) and tests/test_applications.py (compat). Sizes are the smallest
Keras 1.2.2 accepts without the top (``_obtain_input_shape``'s min_size, or a little above so pooling
has more than one window); with the top Keras 1 requires the full 224/299 size, and those cases are slow.
MusicTaggerCRNN takes (1, 96, 1366) mel-spectrograms only.
"""
import collections

# module, function, weights argument, preprocess ('imagenet': imagenet_utils.preprocess_input,
# 'inception': the module's own preprocess_input, 'melgram': none), orderings Keras 1.2.2 offered
MODELS = collections.OrderedDict([
    ('vgg16', ('vgg16', 'VGG16', 'imagenet', 'imagenet', ('th', 'tf'))),
    ('vgg19', ('vgg19', 'VGG19', 'imagenet', 'imagenet', ('th', 'tf'))),
    ('resnet50', ('resnet50', 'ResNet50', 'imagenet', 'imagenet', ('th', 'tf'))),
    ('inception_v3', ('inception_v3', 'InceptionV3', 'imagenet', 'inception', ('th', 'tf'))),
    ('xception', ('xception', 'Xception', 'imagenet', 'inception', ('tf',))),
    ('music_tagger_crnn', ('music_tagger_crnn', 'MusicTaggerCRNN', 'msd', 'melgram', ('th', 'tf'))),
])

# model -> (rows/cols without the top, rows/cols with the top or None for the fixed input)
SIZES = {'vgg16': (64, 224), 'vgg19': (64, 224), 'resnet50': (197, 224), 'inception_v3': (139, 299),
         'xception': (76, 299), 'music_tagger_crnn': (None, None)}

# the cases too slow for `pytest -m "not slow"` (full-size inputs, or tens of millions of weights)
FAST = {('vgg16', 'th', False), ('vgg16', 'tf', False), ('music_tagger_crnn', 'th', True),
        ('music_tagger_crnn', 'tf', False)}

# BatchNormalization running variances times this in the stand-in files (standin.weight_values)
VARIANCE_SCALE = {'resnet50': 100.0}

Case = collections.namedtuple('Case', 'name model module function weights preprocess ordering include_top '
                                      'input_shape batch seed slow variance_scale')


def input_shape(model, ordering, include_top):
    """The input_shape argument (None: the model's default) and the shape of one sample."""
    if model == 'music_tagger_crnn':
        return None, (1, 96, 1366) if ordering == 'th' else (96, 1366, 1)
    size = SIZES[model][1 if include_top else 0]
    shape = (3, size, size) if ordering == 'th' else (size, size, 3)
    return (None if include_top else shape), shape


def all_cases():
    cases = []
    for seed, (model, (module, function, weights, preprocess, orderings)) in enumerate(MODELS.items(), start=1):
        for ordering in orderings:
            for include_top in (False, True):
                _, shape = input_shape(model, ordering, include_top)
                name = '%s_%s_%s' % (model, ordering, 'top' if include_top else 'notop')
                cases.append(Case(name, model, module, function, weights, preprocess, ordering, include_top,
                                  shape, 1 if include_top else 2, 1000 * seed + len(cases),
                                  (model, ordering, include_top) not in FAST, VARIANCE_SCALE.get(model, 1.0)))
    return cases
