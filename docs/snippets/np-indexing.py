import numpy as np

x = np.array([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
print("first 3:", x[:3])
print("last 5: ", x[-5:])
print("all but the last 5:", x[:-5])
print("every other:", x[::2])

A = np.array([[1, 2, 3], [4, 5, 6]])
print("first row:   ", A[0, :])
print("second column:", A[:, 1])
print("last row:    ", A[-1])

p = np.array([0.1, 0.7, 0.2])
print("argmax:", np.argmax(p), "  max:", np.max(p))

# Indexing with an array of positions picks several entries at once.
vocab = np.array(list("helo"))
print("".join(vocab[[0, 1, 2, 2, 3]]))
