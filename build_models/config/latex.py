# LaTeX source of the Stacks Project (Module 5's algebraic-geometry experiment): an interim model
# trained on one CPU thread until the GPU zoo replaces it (Karpathy's 3×512, same id)
model_id = 'latex'
corpus = 'stacks'
cell = 'lstm'
n_layer = 2
n_hidden = 256
dropout = 0.0          # 9.6M characters is well under one pass over 15M: nothing to overfit
batch_size = 32
seq_len = 100
max_iters = 3000       # 9.6M characters: 30-40 min on one shared EPYC thread
learning_rate = 2e-3
min_lr = 2e-4
warmup_iters = 100
eval_interval = 250
eval_iters = 20
log_interval = 50
device = 'cpu'
threads = 1
timelapse_iters = [100, 500, 1200]
timelapse_export_iters = []
card_note = ("An interim model: 2×256 trained on one thread of a shared 2-core CPU for less than one pass over the corpus, "
             "far smaller than the paper's 3×512 (Stacks Project, 16 MB). The GPU zoo replaces it under the same id.")
