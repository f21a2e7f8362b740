import numpy as np

a = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])

print("tanh:", np.round(np.tanh(a), 3))
print("exp: ", np.round(np.exp(a), 3))
print("log of exp gives a back:", np.allclose(np.log(np.exp(a)), a))
print("sum:", a.sum(), " mean:", a.mean(), " max:", a.max())

# The slope of tanh, written with tanh itself (calculus refresher).
h = np.tanh(a)
print("tanh slope 1 - h**2:", np.round(1 - h ** 2, 3))
