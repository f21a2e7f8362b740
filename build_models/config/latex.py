# LaTeX source of the Stacks Project (Module 5's algebraic-geometry experiment): Karpathy's
# 3×512 LSTM, GPU run latex-lstm-3x512
base = 'linux'
model_id = 'latex'
gpu_run = 'latex-lstm-3x512'
corpus = 'stacks'
max_iters = 5261
eval_interval = 526
card_note = ("One of nine runs that shared one NVIDIA H200 at the same time, so its throughput is a "
             "fraction of what the GPU does alone.")
