# the large member of the Tiny Shakespeare size family (Model Size Explorer, Module 6): the same data,
# schedule and steps as `tinyshakespeare` (2×256); only the hidden size differs
model_id = 'tinyshakespeare-large'
variant_of = 'tinyshakespeare'
corpus = 'tinyshakespeare'
cell = 'lstm'
n_layer = 2
n_hidden = 384
dropout = 0.1          # ~9 passes over 1M characters: a little dropout keeps val close to train
batch_size = 32
seq_len = 100          # char-rnn's default BPTT length
max_iters = 3000       # the same 9.6M characters as the 2×256 model
learning_rate = 2e-3
min_lr = 2e-4
warmup_iters = 100
eval_interval = 250
eval_iters = 20
log_interval = 50
device = 'cpu'         # CPU-trained and stated so in the card; reproducible at 1 thread
threads = 1
timelapse_iters = []
timelapse_export_iters = []
card_note = ("One of three sizes of the same recipe (2×128, 2×256, 2×384) for the Model Size Explorer; "
             "only the hidden size differs. CPU-trained interim model; the GPU zoo replaces the family.")
