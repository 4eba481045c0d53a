"""Model graphs with pydot (keras 1.2.2 utils/visualize_util.py).

pydot (or pydot_ng) and the graphviz ``dot`` program are optional: calling
``plot``/``model_to_dot`` without them raises ImportError saying what to
install. Importing this module never fails, unlike Keras 1's.
"""
import os
import shutil

__all__ = ['model_to_dot', 'plot']


def _pydot():
    # keras 1.2.2 visualize_util: pydot_ng first, then pydot, and graphviz must be found.
    try:
        import pydot_ng as pydot
    except ImportError:
        try:
            import pydot
        except ImportError:
            pydot = None
    if pydot is None:
        raise ImportError('visualize_util.plot needs pydot and graphviz: pip install pydot, and install '
                          'graphviz (the `dot` program), e.g. apt-get install graphviz.')
    finder = getattr(pydot, 'find_graphviz', None)
    found = finder() if finder is not None else shutil.which('dot')
    if not found:
        raise ImportError('visualize_util.plot found pydot but not graphviz: install graphviz so the `dot` '
                          'program is on PATH (e.g. apt-get install graphviz).')
    return pydot


def _inner_model(model):
    # A Keras 1 Sequential wraps a functional model in `.model`, built on demand.
    if hasattr(model, 'model') and hasattr(model, 'add'):
        if not getattr(model, 'built', True) and hasattr(model, 'build'):
            model.build()
        return model.model
    return model


def _label(layer, show_shapes, show_layer_names):
    layer_name, class_name = layer.name, type(layer).__name__
    inner = getattr(layer, 'layer', None)  # a Wrapper such as TimeDistributed
    if inner is not None and hasattr(inner, 'name'):
        layer_name = '{}({})'.format(layer_name, inner.name)
        class_name = '{}({})'.format(class_name, type(inner).__name__)
    label = '{}: {}'.format(layer_name, class_name) if show_layer_names else class_name
    if show_shapes:
        try:
            outputlabels = str(layer.output_shape)
        except (AttributeError, ValueError, RuntimeError):
            outputlabels = 'multiple'
        try:
            inputlabels = str(layer.input_shape)
        except (AttributeError, ValueError, RuntimeError):
            shapes = getattr(layer, 'input_shapes', None)
            inputlabels = ', '.join(str(s) for s in shapes) if shapes else 'multiple'
        label = '%s\n|{input:|output:}|{{%s}|{%s}}' % (label, inputlabels, outputlabels)
    return label


def _inbound_layers(layer):
    for node in getattr(layer, 'inbound_nodes', None) or getattr(layer, '_inbound_nodes', None) or []:
        inbound = getattr(node, 'inbound_layers', None) or []
        for other in (inbound if isinstance(inbound, (list, tuple)) else [inbound]):
            yield other


def model_to_dot(model, show_shapes=False, show_layer_names=True):
    """A ``pydot.Dot`` of the model's layers and connections (keras 1.2.2 visualize_util.model_to_dot)."""
    pydot = _pydot()
    dot = pydot.Dot()
    dot.set('rankdir', 'TB')
    dot.set('concentrate', True)
    dot.set_node_defaults(shape='record')
    layers = list(_inner_model(model).layers)
    known = {id(layer) for layer in layers}
    for layer in layers:
        dot.add_node(pydot.Node(str(id(layer)), label=_label(layer, show_shapes, show_layer_names)))
    for layer in layers:
        for other in _inbound_layers(layer):
            if id(other) in known:  # keras 1.2.2 drew only edges inside this model
                dot.add_edge(pydot.Edge(str(id(other)), str(id(layer))))
    return dot


def plot(model, to_file='model.png', show_shapes=False, show_layer_names=True):
    """Write the model graph; the format is the file extension, png when there is none."""
    dot = model_to_dot(model, show_shapes, show_layer_names)
    extension = os.path.splitext(to_file)[1][1:] or 'png'
    dot.write(to_file, format=extension)
