# C source of the Linux kernel (Module 5's source-code experiment): Karpathy's 3×512 LSTM,
# GPU run linux-lstm-3x512
base = 'gpu-recipe'
model_id = 'linux'
gpu_run = 'linux-lstm-3x512'
corpus = 'linux'
n_layer = 3
n_hidden = 512
dropout = 0.1          # 19M training characters read about five times: little to overfit
batch_size = 128
max_iters = 6243
eval_interval = 624
card_note = ("One of nine runs that shared one NVIDIA H200 at the same time, so its throughput is a "
             "fraction of what the GPU does alone. The 2015 paper's kernel corpus was 474 MB; ours is 21 MB.")
