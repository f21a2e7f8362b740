# The vanilla (tanh) RNN of the stress test: one weight block, so about twice the LSTM's width.
base = 'stress-lstm'
model_id = 'stress-rnn'
cell = 'rnn'
hidden = 192
