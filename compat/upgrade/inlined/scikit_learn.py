"""Keras 1.2.2's scikit-learn wrappers, on a plain Keras 3 model.

``python -m compat upgrade`` copies these classes into a file that imported
``keras.wrappers.scikit_learn`` (fixers/sklearn_wrappers.py reads this module as text), because Keras
3's ``keras.wrappers.SKLearnClassifier`` takes another constructor: ``model=`` a callable of
``(X, y, **model_kwargs)`` with its arguments nested in ``model_kwargs``/``fit_kwargs``, so a
``GridSearchCV`` over ``build_fn`` arguments (``{'dense_layer_sizes': [...], 'nb_epoch': [3, 6]}``)
cannot be kept. These keep Keras 1's: ``KerasClassifier(build_fn, **sk_params)``, every sk_param
a top-level estimator parameter, routed by name to ``build_fn`` and to the model's
fit/predict/evaluate (keras 1.2.2 wrappers/scikit_learn.py).

What Keras 3 changed is undone here: ``nb_epoch`` is ``epochs`` and defaults to Keras 1's 10 (Keras
3: 1), ``predict_classes``/``predict_proba`` are ``predict`` with Keras 1's rule, ``evaluate``
names the accuracy 'accuracy' or 'acc'. Unlike Keras 1.2.2, the classes derive from
scikit-learn's ``BaseEstimator`` and mixins, the classifier sets ``classes_``, and ``get_params``
returns the values themselves (today's scikit-learn needs all three; see
compat/keras/wrappers/scikit_learn.py, the same wrappers for compat models).
"""
import inspect

import keras
import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin


class BaseWrapper(BaseEstimator):
    """Keras 1.2.2's scikit-learn wrapper base (wrappers/scikit_learn.py BaseWrapper) for a Keras
    3 model: ``build_fn(**its sk_params)`` returns a compiled model; the other sk_params go to the
    model's fit/predict/evaluate, under Keras 1's names (``nb_epoch``) or Keras 3's."""

    # keras 1.2.2 models.py Sequential.fit/predict/evaluate arguments, legal as sk_params
    # (Keras 1 names, and Keras 3's epochs)
    MODEL_ARGS = {
        'fit': ('batch_size', 'nb_epoch', 'epochs', 'verbose', 'callbacks', 'validation_split',
                'validation_data', 'shuffle', 'class_weight', 'sample_weight', 'initial_epoch'),
        'predict': ('batch_size', 'verbose'),
        'evaluate': ('batch_size', 'verbose', 'sample_weight'),
    }

    def __init__(self, build_fn=None, **sk_params):
        self.build_fn = build_fn
        self.sk_params = sk_params
        self.check_params(sk_params)

    def _build_target(self):
        if self.build_fn is None:
            return self.__call__
        if not inspect.isfunction(self.build_fn) and not inspect.ismethod(self.build_fn):
            return self.build_fn.__call__
        return self.build_fn

    def check_params(self, params):
        """ValueError naming a parameter that neither build_fn nor the model methods take."""
        legal = set(inspect.signature(self._build_target()).parameters)
        for names in self.MODEL_ARGS.values():
            legal.update(names)
        for name in params:
            if name not in legal:
                raise ValueError(f'{name} is not a legal parameter')

    def get_params(self, deep=True):
        return dict(self.sk_params, build_fn=self.build_fn)

    def set_params(self, **params):
        self.check_params(params)
        self.sk_params.update(params)
        return self

    def filter_sk_params(self, method, override=None):
        """The sk_params that `method` ('fit', 'predict', 'evaluate' or build_fn) takes, updated
        with `override` (keras 1.2.2 BaseWrapper.filter_sk_params); fit's nb_epoch -> epochs."""
        names = self.MODEL_ARGS[method] if isinstance(method, str) else inspect.signature(method).parameters
        args = {k: v for k, v in self.sk_params.items() if k in names}
        args.update(override or {})
        if method == 'fit' and 'nb_epoch' in args:
            args['epochs'] = args.pop('nb_epoch')
        return args

    def _targets(self, y):
        """Integer labels one-hot encoded for categorical_crossentropy (keras 1.2.2 fit/score)."""
        y = np.asarray(y)
        loss = getattr(self.model.loss, '__name__', self.model.loss)
        if loss == 'categorical_crossentropy' and y.ndim != 2:
            y = keras.utils.to_categorical(y)
        return y

    def fit(self, x, y, **kwargs):
        """Build a new model with build_fn and fit it; returns the History (as Keras 1)."""
        target = self._build_target()
        self.model = target(**self.filter_sk_params(target))
        # keras 1.2.2 Sequential.fit's default nb_epoch=10 (Keras 3's fit: epochs=1)
        return self.model.fit(x, self._targets(y), **{'epochs': 10, **self.filter_sk_params('fit', kwargs)})


class KerasClassifier(ClassifierMixin, BaseWrapper):
    """Keras 1.2.2's KerasClassifier: predict gives class indices, score the accuracy.

    Example::

        def build(hidden=8):
            model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(hidden, activation='relu'),
                                      keras.layers.Dense(3, activation='softmax')])
            model.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['accuracy'])
            return model
        GridSearchCV(KerasClassifier(build, verbose=0), {'hidden': [4, 8], 'nb_epoch': [2]}, cv=3).fit(x, y)
    """

    def fit(self, x, y, **kwargs):
        history = super().fit(x, y, **kwargs)
        y = np.asarray(y)             # classes_: the columns of predict_proba (not in Keras 1)
        n = y.shape[1] if y.ndim == 2 and y.shape[1] > 1 else int(y.max()) + 1
        self.classes_ = np.arange(max(n, 2))
        return history

    def predict(self, x, **kwargs):
        """keras 1.2.2 Sequential.predict_classes: argmax, or probability > 0.5 for one column."""
        proba = self.model.predict(x, **self.filter_sk_params('predict', kwargs))
        if proba.shape[-1] > 1:
            return proba.argmax(axis=-1)
        return (proba > 0.5).astype('int32')

    def predict_proba(self, x, **kwargs):
        """The model's output; one sigmoid column p becomes [1 - p, p]."""
        probs = self.model.predict(x, **self.filter_sk_params('predict', kwargs))
        if probs.shape[1] == 1:
            probs = np.hstack([1 - probs, probs])
        return probs

    def score(self, x, y, **kwargs):
        """The model's accuracy metric on (x, y); needs metrics=['accuracy'] at compile."""
        outputs = self.model.evaluate(x, self._targets(y), return_dict=True,
                                      **self.filter_sk_params('evaluate', kwargs))
        for name in ('accuracy', 'acc'):
            if name in outputs:
                return outputs[name]
        raise ValueError('The model is not configured to compute accuracy. '
                         'You should pass `metrics=["accuracy"]` to the `model.compile()` method.')


class KerasRegressor(RegressorMixin, BaseWrapper):
    """Keras 1.2.2's KerasRegressor: predict gives the squeezed output; score the loss.

    Keras 1.2.2 returned the loss itself as the score, which scikit-learn maximizes (Keras 2
    negated it); kept, so a search picks what it picked under Keras 1.
    """

    def predict(self, x, **kwargs):
        # keras 1.2.2 Sequential.predict: verbose=0 (Keras 3: a progress bar)
        return np.squeeze(self.model.predict(x, **{'verbose': 0, **self.filter_sk_params('predict', kwargs)}))

    def score(self, x, y, **kwargs):
        outputs = self.model.evaluate(x, y, return_dict=True, **self.filter_sk_params('evaluate', kwargs))
        return outputs['loss']
