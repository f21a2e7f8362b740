# The small member of the Tiny Shakespeare size family: GPU run ts-lstm-2x128
base = 'tinyshakespeare-2x256'
model_id = 'tinyshakespeare-2x128'
gpu_run = 'ts-lstm-2x128'
n_hidden = 128
cell_family = ''
card_note = ("One of nine runs that shared one NVIDIA H200 at the same time. A comparison model: it "
             "differs from tinyshakespeare-2x256 and -2x480 only in hidden size.")
