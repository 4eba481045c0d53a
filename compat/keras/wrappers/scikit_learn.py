"""scikit-learn estimators around a Keras 1 model builder (keras 1.2.2 wrappers/scikit_learn.py).

Duck-typed: ``build_fn`` must return a compiled model with Keras 1
``fit``/``predict``/``predict_classes``/``predict_proba``/``evaluate``,
``loss`` and ``metrics_names`` (a compat Sequential or Model). scikit-learn
itself is not needed. The legal ``sk_params`` of those methods are the Keras
1.2.2 ``Sequential`` argument names, kept in a table so this module does not
import the model code.

Two additions for today's scikit-learn, which the scikit-learn 0.18 that Keras
1.2.2 met did not ask for: where scikit-learn is installed the classes derive
from its ``BaseEstimator`` and ``ClassifierMixin``/``RegressorMixin`` (scikit-learn
1.6+ finds an estimator's kind from these, and its probability scorers such as
``'neg_log_loss'`` refuse anything not known as a classifier), and
``KerasClassifier.fit`` sets ``classes_`` (the columns of ``predict_proba``),
which those scorers read. One consequence: ``GridSearchCV(cv=<int>)`` now splits
1-D class labels stratified, as scikit-learn does for classifiers (0.18 saw no
classifier here and used ``KFold``); one-hot targets still get ``KFold``. Pass
``cv=KFold(n)`` for the old folds.

Example (scikit-learn installed)::

    from sklearn.model_selection import GridSearchCV
    def build(hidden=4):
        model = Sequential([Dense(hidden, input_dim=4, activation='relu'),
                            Dense(3, activation='softmax')])
        model.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['accuracy'])
        return model
    search = GridSearchCV(KerasClassifier(build, nb_epoch=2, verbose=0),
                          {'hidden': [2, 8]}, cv=3).fit(x, y)
"""
import copy
import inspect
import types

import numpy as np

from ..utils.np_utils import to_categorical

__all__ = ['BaseWrapper', 'KerasClassifier', 'KerasRegressor']

try:     # scikit-learn >= 1.6 tells estimators' kinds by these bases (its get_tags)
    from sklearn.base import BaseEstimator as _Estimator, ClassifierMixin as _Classifier, \
        RegressorMixin as _Regressor
except ImportError:      # the wrappers are duck-typed; scikit-learn is needed only to use them with it
    class _Estimator(object):
        pass

    class _Classifier(object):
        pass

    class _Regressor(object):
        pass

# keras 1.2.2 models.Sequential method arguments (inspect.getargspec there, minus self)
_MODEL_METHOD_ARGS = {
    'fit': ('x', 'y', 'batch_size', 'nb_epoch', 'verbose', 'callbacks', 'validation_split',
            'validation_data', 'shuffle', 'class_weight', 'sample_weight', 'initial_epoch'),
    'predict': ('x', 'batch_size', 'verbose'),
    'predict_classes': ('x', 'batch_size', 'verbose'),
    'predict_proba': ('x', 'batch_size', 'verbose'),
    'evaluate': ('x', 'y', 'batch_size', 'verbose', 'sample_weight'),
}


def _arg_names(fn):
    if isinstance(fn, str):
        return _MODEL_METHOD_ARGS[fn]
    return tuple(inspect.signature(fn).parameters)


def _loss_name(model):
    loss = getattr(model, 'loss', None)
    return getattr(loss, '__name__', loss)


class BaseWrapper(_Estimator):
    """Common part of KerasClassifier/KerasRegressor (keras 1.2.2 wrappers.scikit_learn.BaseWrapper).

    ``build_fn``: a function, a callable object, or None to use ``self.__call__``.
    ``sk_params``: arguments of ``build_fn`` and of the model's fit/predict/evaluate.
    """

    def __init__(self, build_fn=None, **sk_params):
        self.build_fn = build_fn
        self.sk_params = sk_params
        self.check_params(sk_params)

    def _build_target(self):
        if self.build_fn is None:
            return self.__call__
        if not isinstance(self.build_fn, (types.FunctionType, types.MethodType)):
            return self.build_fn.__call__
        return self.build_fn

    def check_params(self, params):
        """ValueError naming any parameter that neither the model methods nor ``build_fn`` take."""
        legal = set()
        for fn in ('fit', 'predict', 'predict_classes', 'evaluate', self._build_target()):
            legal.update(_arg_names(fn))
        for name in params:
            if name not in legal:
                raise ValueError('{} is not a legal parameter'.format(name))

    def get_params(self, **params):
        """``sk_params`` plus ``build_fn`` (scikit-learn estimator API).

        The values themselves, not copies: keras 1.2.2 deep-copied them, which scikit-learn
        >= 0.20's ``clone`` refuses for any mutable value (a list of layer sizes); 0.18 only
        warned. Nothing here mutates them."""
        return dict(self.sk_params, build_fn=self.build_fn)

    def set_params(self, **params):
        """Update ``sk_params`` after checking them."""
        self.check_params(params)
        self.sk_params.update(params)
        return self

    def filter_sk_params(self, fn, override=None):
        """The ``sk_params`` that ``fn`` accepts, updated with ``override``."""
        names = _arg_names(fn)
        res = {k: v for k, v in self.sk_params.items() if k in names}
        res.update(override or {})
        return res

    def fit(self, x, y, **kwargs):
        """Build a fresh model with ``build_fn`` and fit it; returns the History."""
        target = self._build_target()
        self.model = target(**self.filter_sk_params(target))
        y = np.asarray(y)
        if _loss_name(self.model) == 'categorical_crossentropy' and len(y.shape) != 2:
            y = to_categorical(y)
        fit_args = copy.deepcopy(self.filter_sk_params('fit'))
        fit_args.update(kwargs)
        return self.model.fit(x, y, **fit_args)


class KerasClassifier(_Classifier, BaseWrapper):
    """scikit-learn classifier API (keras 1.2.2 wrappers.scikit_learn.KerasClassifier)."""

    def fit(self, x, y, **kwargs):
        """BaseWrapper.fit, then ``classes_``: the class indices ``predict`` returns and the
        columns of ``predict_proba`` (0 and 1 for one sigmoid column). Not in keras 1.2.2; see
        the module docstring."""
        history = super(KerasClassifier, self).fit(x, y, **kwargs)
        y = np.asarray(y)
        n = y.shape[1] if y.ndim == 2 and y.shape[1] > 1 else int(y.max()) + 1
        self.classes_ = np.arange(max(n, 2))
        return history

    def predict(self, x, **kwargs):
        kwargs = self.filter_sk_params('predict_classes', kwargs)
        return self.model.predict_classes(x, **kwargs)

    def predict_proba(self, x, **kwargs):
        """Probabilities; a single sigmoid column becomes ``[1 - p, p]`` as scikit-learn expects."""
        kwargs = self.filter_sk_params('predict_proba', kwargs)
        probs = self.model.predict_proba(x, **kwargs)
        if probs.shape[1] == 1:
            probs = np.hstack([1 - probs, probs])
        return probs

    def score(self, x, y, **kwargs):
        """The model's 'acc' metric on (x, y); needs ``metrics=['accuracy']`` at compile."""
        kwargs = self.filter_sk_params('evaluate', kwargs)
        y = np.asarray(y)
        if _loss_name(self.model) == 'categorical_crossentropy' and len(y.shape) != 2:
            y = to_categorical(y)
        outputs = self.model.evaluate(x, y, **kwargs)
        if not isinstance(outputs, list):
            outputs = [outputs]
        for name, output in zip(self.model.metrics_names, outputs):
            if name == 'acc':
                return output
        raise ValueError('The model is not configured to compute accuracy. '
                         'You should pass `metrics=["accuracy"]` to the `model.compile()` method.')


class KerasRegressor(_Regressor, BaseWrapper):
    """scikit-learn regressor API (keras 1.2.2 wrappers.scikit_learn.KerasRegressor)."""

    def predict(self, x, **kwargs):
        kwargs = self.filter_sk_params('predict', kwargs)
        return np.squeeze(self.model.predict(x, **kwargs))

    def score(self, x, y, **kwargs):
        """The loss (first evaluate output) on (x, y), as Keras 1 returned it."""
        kwargs = self.filter_sk_params('evaluate', kwargs)
        loss = self.model.evaluate(x, y, **kwargs)
        if isinstance(loss, list):
            return loss[0]
        return loss

from compat.keras._reexports import reexported  # noqa: E402

__getattr__ = reexported(__name__)
