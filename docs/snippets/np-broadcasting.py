import numpy as np

# Scores for 4 examples (rows) over 3 classes (columns).
S = np.array([[1.0, 2.0, 3.0],
              [0.0, 0.0, 0.0],
              [2.0, 1.0, 0.0],
              [5.0, 5.0, 5.0]])
b = np.array([0.1, 0.2, 0.3])   # one bias per class

# Broadcasting: b is added to every row, as if it were copied 4 times.
print(S + b)

# axis says which direction to collapse.
print("sum of each column (axis=0):", S.sum(axis=0))
print("sum of each row    (axis=1):", S.sum(axis=1))
# keepdims keeps a (4, 1) column, which broadcasts back against S.
print("each row minus its max:\n", S - S.max(axis=1, keepdims=True))
