# makemore's names.txt: one lowercase name per line; a tiny LSTM learns name-like strings
model_id = 'names'
corpus = 'names'
cell = 'lstm'
n_layer = 2
n_hidden = 128
dropout = 0.1          # 40 passes over 205k characters: guard against memorising names
batch_size = 32
seq_len = 64           # several names per window, so the model sees many line starts
max_iters = 4000       # 8M characters, a few minutes on one CPU thread
learning_rate = 3e-3
min_lr = 3e-4
warmup_iters = 100
eval_interval = 250
eval_iters = 20
log_interval = 50
device = 'cpu'
threads = 1
sample_temperature = 1.0
novelty_samples = 1000 # report the share of sampled names that are not in the training split
timelapse_iters = [100, 300, 500, 1000]
timelapse_export_iters = []
card_note = ("names.txt lists the most popular names first, then blocks of names in alphabetical order, "
             "so the contiguous val/test splits are the last alphabetical blocks (rarer names, in alphabetical runs). "
             "Consecutive names share prefixes and the model reads the previous names as context: that is "
             "why its loss is far below the n-gram's, and why samples from a fresh state tend to start near 'a'.")
keep_best = False      # ships its final step, as it always has (a rerun rebuilds the same bytes)
