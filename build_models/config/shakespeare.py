# The complete works of Shakespeare (5.4M characters): Karpathy's 3×512 LSTM, GPU run shakespeare-lstm-3x512
base = 'gpu-recipe'
model_id = 'shakespeare'
gpu_run = 'shakespeare-lstm-3x512'
corpus = 'shakespeare'
n_layer = 3
n_hidden = 512
dropout = 0.2
batch_size = 128
max_iters = 4167
eval_interval = 416
card_note = ("One of nine runs that shared one NVIDIA H200 at the same time, so its throughput is a "
             "fraction of what the GPU does alone.")
