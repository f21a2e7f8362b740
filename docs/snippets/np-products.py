import numpy as np

A = np.array([[1, 2], [3, 4]])
B = np.array([[5, 6], [7, 8]])

print("A * B  (element by element):\n", A * B)
print("A @ B  (matrix product):\n", A @ B)
print("np.dot(A, B) is the same:", np.array_equal(np.dot(A, B), A @ B))
print("A.T (transpose):\n", A.T)

W = np.array([[1, 0, -1], [2, 1, 0]])   # shape (2, 3)
v = np.array([0.5, -1, 2])              # shape (3,)
print("W @ v =", W @ v, "shape", (W @ v).shape)

# Try it: W @ W fails. Why? What does W @ W.T give, and what shape is it?
