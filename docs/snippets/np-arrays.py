import numpy as np

x = np.array([1.0, 2.0, 3.0])        # a vector: one dimension
A = np.array([[1, 2], [3, 4]])       # a matrix: two dimensions
Z = np.zeros((3, 4))                 # 3 rows, 4 columns of zeros

print("x:", x, "shape", x.shape, "dtype", x.dtype)
print("A:\n", A, "\nshape", A.shape, "dtype", A.dtype)
print("Z has", Z.size, "entries in shape", Z.shape)

# Arithmetic works on every entry at once: no loops needed.
print("x * 10 + 1 =", x * 10 + 1)
print("x ** 2   =", x ** 2)
