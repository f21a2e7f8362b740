# The small causal Transformer of the stress test: 2 blocks of width 64, 4 heads, sinusoidal
# positions (defined at any length, so it can be run beyond the training lengths).
base = 'stress-lstm'
model_id = 'stress-transformer'
cell = 'transformer'
emb = 64
hidden = 64
layers = 2
heads = 4
ff = 96
learning_rate = 2e-3
warmup = 400
