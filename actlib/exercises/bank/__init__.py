"""The exercise bank: one module per notebook.

Each module states ``NOTEBOOK`` (its number), ``EXERCISES`` (a list of
:class:`~actlib.exercises.Exercise`, in the notebook's order) and, where the
notebook has any, ``PREDICTIONS`` (:class:`~actlib.exercises.Prediction`).
"""

from dataclasses import replace

from . import (
               elu_selu,
               gated_and_modern,
               head_to_head,
               relu_family,
               softmax,
               step_and_sigmoid,
               swish_gelu,
               tanh,
               why_activations,
)

_LESSONS = (why_activations, step_and_sigmoid, tanh, relu_family, elu_selu, softmax, swish_gelu,
            head_to_head, gated_and_modern)

EXERCISES = {e.id: replace(e, notebook=lesson.NOTEBOOK)
             for lesson in _LESSONS for e in lesson.EXERCISES}
"""Every exercise by id, in the order of the notebooks."""

PREDICTIONS = {p.id: replace(p, notebook=lesson.NOTEBOOK)
               for lesson in _LESSONS for p in getattr(lesson, "PREDICTIONS", ())}
"""Every prediction (predict, then run) by id, in the order of the notebooks."""
