# a small character LSTM on tinyshakespeare, trained on one CPU thread in about 40 minutes
# (the GPU zoo trains the large flagship later; this gives the widgets a real model now)
model_id = 'tinyshakespeare'
corpus = 'tinyshakespeare'
cell = 'lstm'
n_layer = 2
n_hidden = 256
dropout = 0.1          # ~9 passes over 1M characters: a little dropout keeps val close to train
batch_size = 32
seq_len = 100          # char-rnn's default BPTT length
max_iters = 3000       # 9.6M characters (~9 passes): 15-40 min on one shared EPYC thread
learning_rate = 2e-3
min_lr = 2e-4
warmup_iters = 100
eval_interval = 250
eval_iters = 20
log_interval = 50
device = 'cpu'         # CPU-trained and stated so in the card; reproducible at 1 thread
threads = 1
timelapse_iters = [100, 300, 500, 700, 1200, 2000]   # the final step is always added
timelapse_export_iters = [100, 500, 1200, 2000, 3000]   # ONNX: two early stops plus the final three, which the timelapse widget runs live
card_note = ("Trained on a 2-core machine shared with other jobs, so its average speed is a fraction of what "
             "`bench` measures for a 2×256 LSTM on a quiet core. The test split (the last 5 % of the file) "
             "is harder than val for this model: its loss is higher there, and the n-gram's too.")
