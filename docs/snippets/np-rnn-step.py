import numpy as np

rng = np.random.default_rng(0)      # seeded: the same numbers every run
H, V = 4, 3                         # 4 hidden units, 3 characters

Wxh = rng.normal(0, 0.5, (H, V))    # input to hidden
Whh = rng.normal(0, 0.5, (H, H))    # hidden to hidden
bh = np.zeros(H)
Why = rng.normal(0, 0.5, (V, H))    # hidden to scores
by = np.zeros(V)


def one_hot(k, n):
    v = np.zeros(n)
    v[k] = 1.0
    return v


h = np.zeros(H)                     # the memory starts empty
for k in [0, 1, 2]:                 # read three characters
    x = one_hot(k, V)
    h = np.tanh(Whh @ h + Wxh @ x + bh)   # (H,H)@(H,) + (H,V)@(V,) + (H,) -> (H,)
    y = Why @ h + by                      # (V,H)@(H,) -> (V,)
    p = np.exp(y - y.max()) / np.exp(y - y.max()).sum()
    print(f"read {k}: h = {np.round(h, 3)}, next-character probabilities = {np.round(p, 3)}")
