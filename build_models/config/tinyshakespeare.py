# The flagship: a 2×480 LSTM on Tiny Shakespeare (1.1M characters), the widgets' default model.
# GPU run ts-lstm-2x480-r2: dropout 0.5 after the 0.3 run (tinyshakespeare-2x480) overfit.
base = 'gpu-recipe'
model_id = 'tinyshakespeare'
gpu_run = 'ts-lstm-2x480-r2'
corpus = 'tinyshakespeare'
n_layer = 2
n_hidden = 480
dropout = 0.5
batch_size = 64
max_iters = 4901       # 40M characters, about 40 passes over the training split
eval_interval = 490
tail_eval_frac = 0.1   # evaluate also scores nanoGPT's split (the file's last 10 %), to compare with its character GPT
card_note = ("Trained on an NVIDIA H200 two runs at a time (with the War and Peace model). "
             "Tiny Shakespeare's test split (the last 5 % of the file) is harder than val for every "
             "model, the n-gram's included.")
