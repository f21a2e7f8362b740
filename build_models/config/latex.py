# LaTeX source of the Stacks Project (Module 5's algebraic-geometry experiment): an interim model
# trained on one CPU thread until the GPU zoo replaces it (Karpathy's 3×512, same id); the recipe
# of `tinyshakespeare` (2×256, 3,000 steps of 32 × 100 characters)
base = 'tinyshakespeare'
model_id = 'latex'
corpus = 'stacks'
dropout = 0.0          # 9.6M characters is well under one pass over 15M: nothing to overfit
timelapse_iters = [100, 500, 1200]
timelapse_export_iters = []
card_note = ("An interim model: 2×256 trained on one thread of a shared 2-core CPU for less than one pass over the corpus, "
             "far smaller than the paper's 3×512 (Stacks Project, 16 MB). The GPU zoo replaces it under the same id.")
