import numpy as np

x = np.arange(100)             # 0, 1, ..., 99: shape (100,)
grid = x.reshape(10, 10)       # same 100 values, 10 rows of 10
print(grid.shape, "first row:", grid[0])

col = np.array([1, 2, 3]).reshape(3, 1)   # a column vector, shape (3, 1)
print("column shape", col.shape)
print("flattened back:", col.flatten(), col.flatten().shape)

# -1 means "work this size out for me".
print(x.reshape(4, -1).shape)
print(x.reshape(-1, 20).shape)

# reshape never changes the number of values: this one fails.
try:
    x.reshape(3, 33)
except ValueError as err:
    print("ValueError:", err)
