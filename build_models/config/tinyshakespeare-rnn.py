# The vanilla (tanh) RNN of the cell comparison: tinyshakespeare-2x256 with another cell (GPU run ts-rnn-2x256)
base = 'tinyshakespeare-2x256'
model_id = 'tinyshakespeare-rnn'
gpu_run = 'ts-rnn-2x256'
cell = 'rnn'
size_family = ''
card_note = ("One of nine runs that shared one NVIDIA H200 at the same time. A comparison model: it "
             "differs from tinyshakespeare-2x256 (LSTM) and tinyshakespeare-gru only in the cell.")
