# The middle member of the Tiny Shakespeare size family (Model Size Explorer) and the LSTM of the
# cell comparison (LSTM, GRU, vanilla RNN): GPU run ts-lstm-2x256
base = 'gpu-recipe'
model_id = 'tinyshakespeare-2x256'
gpu_run = 'ts-lstm-2x256'
corpus = 'tinyshakespeare'
n_layer = 2
n_hidden = 256
dropout = 0.3
batch_size = 64
max_iters = 4901
eval_interval = 490
size_family = 'tinyshakespeare'
cell_family = 'tinyshakespeare'
card_note = ("One of nine runs that shared one NVIDIA H200 at the same time, so its throughput is a "
             "fraction of what the GPU does alone. A comparison model: it differs from "
             "tinyshakespeare-2x128 and -2x480 only in hidden size, and from tinyshakespeare-gru and "
             "-rnn only in the cell.")
