# The GRU of the stress test: wider than the LSTM (3 gate blocks instead of 4) for the same count.
base = 'stress-lstm'
model_id = 'stress-gru'
cell = 'gru'
hidden = 112
