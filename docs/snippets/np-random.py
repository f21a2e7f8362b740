import numpy as np

rng = np.random.default_rng(42)     # a seeded generator: reproducible results
print("normal:  ", np.round(rng.normal(0, 1, 3), 3))
print("integers:", rng.integers(0, 10, 5))

# Sample a character index from a probability vector.
p = np.array([0.1, 0.7, 0.2])
draws = rng.choice(3, size=1000, p=p)
print("how often each index was drawn:", np.bincount(draws, minlength=3) / 1000)

# Same seed, same numbers.
print(np.array_equal(np.random.default_rng(42).normal(0, 1, 3),
                     np.random.default_rng(42).normal(0, 1, 3)))
