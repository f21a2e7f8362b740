# The GRU of the cell comparison: tinyshakespeare-2x256 with another cell (GPU run ts-gru-2x256)
base = 'tinyshakespeare-2x256'
model_id = 'tinyshakespeare-gru'
gpu_run = 'ts-gru-2x256'
cell = 'gru'
size_family = ''
card_note = ("One of nine runs that shared one NVIDIA H200 at the same time. A comparison model: it "
             "differs from tinyshakespeare-2x256 (LSTM) and tinyshakespeare-rnn only in the cell.")
