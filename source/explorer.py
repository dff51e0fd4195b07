# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   series:
#     title: Activation Explorer
#     goals: "every activation with its sliders, derivative and computed properties, as a single
#       page (Voilà)"
# ---

# %% [markdown] id="app-title"
# # Activation Explorer
#
# Switch activations on and off with the buttons, then move the sliders. The left panel shows
# each function $f(x)$, the right panel its derivative $f'(x)$ (dashed); the formulas are
# beside the sliders. The table lists properties **computed** from the functions at the current
# slider values: point at a column title to see what was computed.

# %% id="app-intro-code"
import actlib
from actlib.app import activation_explorer, gelu_approximations, softmax_temperature

activation_explorer()

# %% [markdown] id="app-gelu-and-its-approximations"
# ## GELU and its approximations
#
# GELU is $x\,\Phi(x)$, where $\Phi$ is the standard normal distribution function. Two cheaper
# forms replace $\Phi$: a tanh expression and the sigmoid $\sigma(1.702\,x)$. On the left the
# three curves lie on top of each other; on the right is how far each approximation is off.

# %% id="app-gelu-and-its-approximations-code"
gelu_approximations()

# %% [markdown] id="app-softmax-temperature"
# ## Softmax temperature
#
# Softmax turns scores (logits) $x_i$ into probabilities, after dividing them by a temperature
# $T$. Move the scores, then the temperature: small $T$ sharpens the distribution towards the
# largest score, large $T$ flattens it towards uniform.

# %% id="app-softmax-temperature-code"
softmax_temperature()
